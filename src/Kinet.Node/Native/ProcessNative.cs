// The libc calls the process layer needs and .NET does not offer: posix_spawn with file actions and a new session
// (Process.Start cannot hand a pty slave to a child or reset every signal), pipes, ptys, epoll, pidfds, mount/umount.
// Everything is x86-64/aarch64 Linux with glibc; structures are passed as raw buffers sized generously.
using System.Runtime.InteropServices;

namespace Kinet.Node.Native;

internal static unsafe partial class ProcessNative
{
    private const string Libc = "libc";

    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const int F_GETFL = 3, F_SETFL = 4;
    public const int EINTR = 4, EAGAIN = 11, EIO = 5, ECHILD = 10, ESRCH = 3, ENOENT = 2;
    public const int SIGKILL = 9, SIGTERM = 15;

    public const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;

    public const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    public const uint EPOLLIN = 0x1, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10, EPOLLONESHOT = 1u << 30;

    public const int P_PIDFD = 3, WEXITED = 4, WNOHANG = 1;
    public const int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;

    public const ulong TIOCSWINSZ = 0x5414;
    public const ulong MS_NOSUID = 2, MS_NODEV = 4;
    public const int MNT_DETACH = 2;

    // Opaque glibc structures: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128.
    public const int FileActionsSize = 256, SpawnAttrSize = 512, SigsetSize = 128;

    [LibraryImport(Libc, SetLastError = true)] public static partial int pipe2(int* fds, int flags);
    [LibraryImport(Libc, SetLastError = true)] public static partial int close(int fd);
    [LibraryImport(Libc, SetLastError = true)] public static partial nint read(int fd, byte* buf, nint count);
    [LibraryImport(Libc, SetLastError = true)] public static partial nint write(int fd, byte* buf, nint count);
    [LibraryImport(Libc, SetLastError = true)] public static partial int fcntl(int fd, int cmd, int arg);
    [LibraryImport(Libc, SetLastError = true)] public static partial int kill(int pid, int sig);
    [LibraryImport(Libc, SetLastError = true)] public static partial int ioctl(int fd, ulong request, void* arg);
    [LibraryImport(Libc, SetLastError = true)] public static partial long syscall(long number, long a1, long a2);

    [LibraryImport(Libc, SetLastError = true)] public static partial int posix_openpt(int flags);
    [LibraryImport(Libc, SetLastError = true)] public static partial int grantpt(int fd);
    [LibraryImport(Libc, SetLastError = true)] public static partial int unlockpt(int fd);
    [LibraryImport(Libc, SetLastError = true)] public static partial int ptsname_r(int fd, byte* buf, nint len);

    [LibraryImport(Libc)] public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);
    [LibraryImport(Libc)] public static partial int posix_spawn_file_actions_init(void* fa);
    [LibraryImport(Libc)] public static partial int posix_spawn_file_actions_destroy(void* fa);
    [LibraryImport(Libc)] public static partial int posix_spawn_file_actions_adddup2(void* fa, int fd, int newfd);
    [LibraryImport(Libc)] public static partial int posix_spawn_file_actions_addopen(void* fa, int fd, byte* path, int oflag, int mode);
    [LibraryImport(Libc)] public static partial int posix_spawnattr_init(void* attr);
    [LibraryImport(Libc)] public static partial int posix_spawnattr_destroy(void* attr);
    [LibraryImport(Libc)] public static partial int posix_spawnattr_setflags(void* attr, short flags);
    [LibraryImport(Libc)] public static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);
    [LibraryImport(Libc)] public static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);
    [LibraryImport(Libc)] public static partial int sigemptyset(void* set);
    [LibraryImport(Libc)] public static partial int sigfillset(void* set);

    [LibraryImport(Libc, SetLastError = true)] public static partial int setns(int fd, int nstype);
    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] public static partial int open(string path, int flags);
    [LibraryImport(Libc)] public static partial int getpid();
    public const int CLONE_NEWUTS = 0x04000000, CLONE_NEWIPC = 0x08000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;

    [LibraryImport(Libc, SetLastError = true)] public static partial int epoll_create1(int flags);
    [LibraryImport(Libc, SetLastError = true)] public static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);
    [LibraryImport(Libc, SetLastError = true)] public static partial int epoll_wait(int epfd, byte* events, int maxEvents, int timeout);
    [LibraryImport(Libc, SetLastError = true)] public static partial int eventfd(uint initval, int flags);
    [LibraryImport(Libc, SetLastError = true)] public static partial int waitid(int idtype, int id, byte* infop, int options);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string source, string target, string fstype, ulong flags, string? data);
    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);

    /// <summary>epoll_event is packed (12 bytes) on x86-64 and naturally aligned (16) elsewhere.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    public static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static long PidfdOpen(int pid)
    {
        const long SYS_pidfd_open = 434; // the same number on x86-64 and aarch64
        return syscall(SYS_pidfd_open, pid, 0);
    }

    public static void SetNonBlocking(int fd)
    {
        var flags = fcntl(fd, F_GETFL, 0);
        if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
            throw new IOException($"fcntl O_NONBLOCK failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, O_CLOEXEC) != 0) throw new IOException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
        return (fds[0], fds[1]);
    }

    public static void SetWindowSize(int fd, ushort cols, ushort rows)
    {
        ushort* ws = stackalloc ushort[4];
        ws[0] = rows; ws[1] = cols; ws[2] = 0; ws[3] = 0;
        ioctl(fd, TIOCSWINSZ, ws);
    }
}
