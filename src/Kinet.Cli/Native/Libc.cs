// The few POSIX calls (plain DllImport: LibraryImport would need unsafe code for nothing here) .NET does not expose: sending a signal, starting a new session.
using System.Runtime.InteropServices;

namespace Kinet.Cli.Native;

internal static class Libc
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    private const int ESRCH = 3;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int KillRaw(int pid, int signal);

    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static extern int SetsidRaw();

    /// <summary>Sends a signal; false when the process does not exist.</summary>
    public static bool Kill(int pid, int signal)
    {
        if (KillRaw(pid, signal) == 0) return true;
        return Marshal.GetLastPInvokeError() != ESRCH && signal == 0; // EPERM on a probe: it exists, but is not ours
    }

    public static bool Exists(int pid) => pid > 0 && Kill(pid, 0);

    /// <summary>Detaches from the parent's session and terminal, so the daemon outlives the shell that ran `kinet up`.</summary>
    public static void NewSession() => _ = SetsidRaw(); // fails only if already a group leader, which is fine
}
