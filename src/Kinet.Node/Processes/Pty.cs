// A pseudo-terminal pair for `tty: true` containers and `exec -t`: the master stays in the daemon (read by the
// reactor, written by stdin, resized with TIOCSWINSZ); the child opens the slave by path as fd 0/1/2, and `setsid -c`
// inside the container makes it the controlling terminal of the container's session.
using System.Runtime.InteropServices;
using System.Text;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

internal sealed unsafe class Pty
{
    private Pty(int master, string slavePath)
    {
        Master = master;
        SlavePath = slavePath;
    }

    public int Master { get; }
    public string SlavePath { get; }

    public static Pty Open(ushort cols = 80, ushort rows = 24)
    {
        var master = ProcessNative.posix_openpt(ProcessNative.O_RDWR | ProcessNative.O_NOCTTY | ProcessNative.O_CLOEXEC);
        if (master < 0) throw new IOException($"posix_openpt failed: errno {Marshal.GetLastPInvokeError()}");
        byte* name = stackalloc byte[128];
        if (ProcessNative.grantpt(master) != 0 || ProcessNative.unlockpt(master) != 0 || ProcessNative.ptsname_r(master, name, 128) != 0)
        {
            ProcessNative.close(master);
            throw new IOException("cannot set up a pseudo-terminal");
        }
        ProcessNative.SetWindowSize(master, cols, rows);
        return new Pty(master, Encoding.UTF8.GetString(new ReadOnlySpan<byte>(name, 128)).TrimEnd('\0').Split('\0')[0]);
    }

    /// <summary>A second descriptor on the master for writing (the first is the reactor's, for reading).</summary>
    public int DupForWriting()
    {
        var fd = ProcessNative.fcntl(Master, 1030 /* F_DUPFD_CLOEXEC */, 3);
        if (fd < 0) throw new IOException($"dup of the pty master failed: errno {Marshal.GetLastPInvokeError()}");
        return fd;
    }

    public static Spawner.StdioSource Slave(string path) => Spawner.StdioSource.Open(path, ProcessNative.O_RDWR | ProcessNative.O_NOCTTY);
}
