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
        using var plan = new Plan(path, argv, env, stdin, stdout, stderr, newSession);
        return plan.Run();
    }

    /// <summary>Everything posix_spawn needs, prepared in native memory, so that the call itself runs no managed code
    /// that could start a thread (NamespaceSpawner calls it while its thread is in a pod's namespaces).</summary>
    internal sealed class Plan : IDisposable
    {
        private readonly List<nint> _owned = [];
        private readonly byte* _fa, _attr, _path;
        private readonly byte** _argv, _envp;
        private readonly string _name;

        public Plan(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env, StdioSource stdin, StdioSource stdout, StdioSource stderr, bool newSession)
        {
            _name = path;
            _fa = Alloc(ProcessNative.FileActionsSize);
            _attr = Alloc(ProcessNative.SpawnAttrSize);
            var all = Alloc(ProcessNative.SigsetSize);
            var none = Alloc(ProcessNative.SigsetSize);
            ProcessNative.posix_spawn_file_actions_init(_fa);
            ProcessNative.posix_spawnattr_init(_attr);
            ProcessNative.sigfillset(all);
            ProcessNative.sigemptyset(none);
            ProcessNative.posix_spawnattr_setsigdefault(_attr, all);
            ProcessNative.posix_spawnattr_setsigmask(_attr, none);
            ProcessNative.posix_spawnattr_setflags(_attr, (short)(ProcessNative.POSIX_SPAWN_SETSIGDEF | ProcessNative.POSIX_SPAWN_SETSIGMASK | (newSession ? ProcessNative.POSIX_SPAWN_SETSID : 0)));
            var sources = new[] { stdin, stdout, stderr };
            for (var target = 0; target < 3; target++)
            {
                var s = sources[target];
                var earlier = Array.FindIndex(sources, 0, target, o => o == s && s.Path is not null);
                if (earlier >= 0) ProcessNative.posix_spawn_file_actions_adddup2(_fa, earlier, target);
                else if (s.Path is not null) ProcessNative.posix_spawn_file_actions_addopen(_fa, target, Utf8(s.Path, _owned), s.OpenFlags, 0);
                else ProcessNative.posix_spawn_file_actions_adddup2(_fa, s.Fd, target);
            }
            _argv = (byte**)Alloc((argv.Count + 1) * sizeof(nint));
            for (var i = 0; i < argv.Count; i++) _argv[i] = Utf8(argv[i], _owned);
            _argv[argv.Count] = null;
            _envp = (byte**)Alloc((env.Count + 1) * sizeof(nint));
            for (var i = 0; i < env.Count; i++) _envp[i] = Utf8(env[i], _owned);
            _envp[env.Count] = null;
            _path = Utf8(path, _owned);
        }

        public int Run()
        {
            int pid;
            var rc = ProcessNative.posix_spawn(&pid, _path, _fa, _attr, _argv, _envp);
            return rc == 0 ? pid : throw Failed(rc);
        }

        /// <summary>setns into <paramref name="nsFd"/>, posix_spawn, setns back to <paramref name="selfFd"/>, with
        /// nothing in between but three native calls. Returns 0, or -1 (setns in failed), -2 (setns back failed), or
        /// posix_spawn's error.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization | System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public int RunIn(int nsFd, int nsTypes, int selfFd, out int pid)
        {
            int child = 0;
            if (RawSetns(nsFd, nsTypes) != 0) { pid = 0; return -1; }
            var rc = RawSpawn(&child, _path, _fa, _attr, _argv, _envp);
            var back = RawSetns(selfFd, nsTypes);
            pid = child;
            return back != 0 ? -2 : rc;
        }

        public IOException Failed(int rc) => new($"cannot start {_name}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(rc)}");

        private byte* Alloc(int size)
        {
            var p = (byte*)Marshal.AllocHGlobal(size);
            new Span<byte>(p, size).Clear();
            _owned.Add((nint)p);
            return p;
        }

        public void Dispose()
        {
            ProcessNative.posix_spawn_file_actions_destroy(_fa);
            ProcessNative.posix_spawnattr_destroy(_attr);
            foreach (var p in _owned) Marshal.FreeHGlobal(p);
        }
    }

    [DllImport("libc", EntryPoint = "setns")] private static extern int RawSetns(int fd, int nstype);
    [DllImport("libc", EntryPoint = "posix_spawn")] private static extern int RawSpawn(int* pid, byte* path, void* fa, void* attr, byte** argv, byte** envp);

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
