// The few system calls the network layer needs that .NET does not offer: open a namespace file, setns(2) into it,
// unshare(2) a new network namespace and bind-mount it at /run/netns/<name> (what `ip netns add` does, without a
// process), and a raw rtnetlink socket (Netlink/RtNetlink) to configure links, addresses and routes without `ip`. setns/unshare(CLONE_NEWNET) only ever run on a dedicated thread (NetnsThread), never on a thread-pool thread.
using System.Runtime.InteropServices;

namespace Kinet.Node.Native;

internal static partial class NetnsNative
{
    public const int CloneNewNet = 0x40000000;
    private const int OpenReadOnly = 0x0;
    private const int OpenCloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    private const ulong MountBind = 0x1000;
    private const int UnmountDetach = 0x2;

    [LibraryImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static partial int Unshare(int flags);

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mount(string source, string target, string? fstype, ulong flags, IntPtr data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static unsafe partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    /// <summary>Moves the calling thread into a new, empty network namespace.</summary>
    public static void UnshareNet()
    {
        if (Unshare(CloneNewNet) != 0)
            throw new IOException($"unshare(CLONE_NEWNET): {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>Bind-mounts <paramref name="source"/> (a namespace file) on the existing file <paramref name="target"/>.</summary>
    public static void BindMount(string source, string target)
    {
        if (Mount(source, target, null, MountBind, IntPtr.Zero) != 0)
            throw new IOException($"mount --bind {source} {target}: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>Lazily unmounts <paramref name="target"/>; false when it was not mounted (EINVAL) or is gone (ENOENT).</summary>
    public static bool DetachMount(string target)
    {
        if (Umount2(target, UnmountDetach) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is 22 or 2)
            return false;
        throw new IOException($"umount {target}: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>Opens a namespace file (e.g. /run/netns/x or /proc/thread-self/ns/net) read-only, close-on-exec.</summary>
    public static int OpenNamespace(string path)
    {
        var fd = Open(path, OpenReadOnly | OpenCloseOnExec);
        if (fd < 0)
            throw new IOException($"open {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        return fd;
    }

    public static void EnterNet(int fd, string what)
    {
        if (SetNs(fd, CloneNewNet) != 0)
            throw new IOException($"setns(CLONE_NEWNET) into {what}: {Marshal.GetLastPInvokeErrorMessage()}");
    }
}
