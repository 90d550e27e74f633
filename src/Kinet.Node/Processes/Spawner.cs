// Starts a host program with posix_spawn: given descriptors (or /dev/null) as fd 0/1/2, exactly the given environment,
// every signal back to its default and unblocked (.NET ignores SIGPIPE, which children would otherwise inherit), and in
// a new session (unless `setsid -c` makes one later, for a tty) so a terminal signal to the daemon never reaches a container and a container's process group can be
// killed as one. glibc's posix_spawn is a vfork+exec: cheap even with a large daemon heap.
using System.Runtime.InteropServices;
using System.Text;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

internal static unsafe class Spawner
{
    /// <summary>A descriptor for fd 0/1/2: an open descriptor of ours, or a path the child opens (a pty slave, /dev/null).</summary>
    public readonly record struct StdioSource(int Fd, string? Path, int OpenFlags)
    {
        public static StdioSource Null(bool write) => new(-1, "/dev/null", write ? ProcessNative.O_WRONLY : ProcessNative.O_RDONLY);
        public static StdioSource Of(int fd) => new(fd, null, 0);
        public static StdioSource Open(string path, int flags) => new(-1, path, flags);
    }

    /// <summary>Spawns <paramref name="path"/>; returns its pid or throws with the errno text.</summary>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env, StdioSource stdin, StdioSource stdout, StdioSource stderr, bool newSession = true)
    {
        var strings = new List<nint>();
        byte* fa = stackalloc byte[ProcessNative.FileActionsSize];
        byte* attr = stackalloc byte[ProcessNative.SpawnAttrSize];
        byte* all = stackalloc byte[ProcessNative.SigsetSize];
        byte* none = stackalloc byte[ProcessNative.SigsetSize];
        try
        {
            ProcessNative.posix_spawn_file_actions_init(fa);
            ProcessNative.posix_spawnattr_init(attr);
            ProcessNative.sigfillset(all);
            ProcessNative.sigemptyset(none);
            ProcessNative.posix_spawnattr_setsigdefault(attr, all);
            ProcessNative.posix_spawnattr_setsigmask(attr, none);
            ProcessNative.posix_spawnattr_setflags(attr, (short)(ProcessNative.POSIX_SPAWN_SETSIGDEF | ProcessNative.POSIX_SPAWN_SETSIGMASK | (newSession ? ProcessNative.POSIX_SPAWN_SETSID : 0)));
            var sources = new[] { stdin, stdout, stderr };
            for (var target = 0; target < 3; target++)
            {
                var s = sources[target];
                var earlier = Array.FindIndex(sources, 0, target, o => o == s && s.Path is not null);
                if (earlier >= 0) ProcessNative.posix_spawn_file_actions_adddup2(fa, earlier, target);
                else if (s.Path is not null) ProcessNative.posix_spawn_file_actions_addopen(fa, target, Utf8(s.Path, strings), s.OpenFlags, 0);
                else ProcessNative.posix_spawn_file_actions_adddup2(fa, s.Fd, target);
            }
            var argvp = stackalloc byte*[argv.Count + 1];
            for (var i = 0; i < argv.Count; i++) argvp[i] = Utf8(argv[i], strings);
            argvp[argv.Count] = null;
            var envp = new nint[env.Count + 1];
            for (var i = 0; i < env.Count; i++) envp[i] = (nint)Utf8(env[i], strings);
            int pid;
            int rc;
            fixed (nint* e = envp)
                rc = ProcessNative.posix_spawn(&pid, Utf8(path, strings), fa, attr, argvp, (byte**)e);
            if (rc != 0) throw new IOException($"cannot start {path}: {Marshal.GetPInvokeErrorMessage(rc)}");
            return pid;
        }
        finally
        {
            ProcessNative.posix_spawn_file_actions_destroy(fa);
            ProcessNative.posix_spawnattr_destroy(attr);
            foreach (var s in strings) Marshal.FreeHGlobal(s);
        }
    }

    private static byte* Utf8(string s, List<nint> owned)
    {
        var count = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)Marshal.AllocHGlobal(count + 1);
        owned.Add((nint)p);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, count));
        p[count] = 0;
        return p;
    }
}
