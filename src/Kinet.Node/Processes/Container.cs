// One run of a container in a pod sandbox. Start is a single spawn, made inside the pause's network, UTS, IPC and PID
// namespaces by NamespaceSpawner, of kinet-init (x86-64; see kinet-init.s) with the mount calls ContainerRootfs lists:
// it makes the container's own mount namespace, mounts the overlay root (lowerdir=/), a fresh /proc of the pod's PID
// namespace, /dev, a private /dev/shm, a read-only /sys of the pod's network namespace and the volumes, chroots,
// chdirs and execs the resolved program with exactly Env. Two execs per container, no fork. Elsewhere the same is
//   unshare -m --propagation private -- /bin/sh -c <script> <fstab> /usr/bin/unshare -R <rootfs> -w <dir> -- [setsid -c] <argv...>
// (the script runs `mount -a -T <fstab>` and unsets the PWD dash would export; dash reorders the environment).
// The spawned process is the container's main process from start to end, a direct child of the daemon: Pid, signals
// and the wait status are its own.
using System.Globalization;
using System.Text;
using Kinet.Node.Logs;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

public sealed class Container
{
    /// <summary>Tests set this to run the fallback chain on x86-64 too.</summary>
    internal static bool UseShellChain { get; set; }

    private const string Mount =
        "/usr/bin/mount -a -T \"$1\" || { echo \"kinet: cannot mount the container's filesystems\" >&2; exit 128; }; shift; ";

    private readonly OutputPump _stdout;
    private readonly OutputPump? _stderr;
    private readonly FdWriteStream? _stdin;
    private readonly Pty? _pty;
    private int _attachCount;

    private Container(PodSandbox sandbox, ContainerSpec spec, string id, int pid, Task<ContainerExit> exited,
        OutputPump stdout, OutputPump? stderr, FdWriteStream? stdin, Pty? pty)
    {
        Sandbox = sandbox;
        Spec = spec;
        Id = id;
        Pid = pid;
        Exited = exited;
        _stdout = stdout;
        _stderr = stderr;
        _stdin = stdin;
        _pty = pty;
        StartedAt = DateTimeOffset.UtcNow;
    }

    public PodSandbox Sandbox { get; }
    public ContainerSpec Spec { get; }

    /// <summary>A containerd-like 64-hex id, unique per run.</summary>
    public string Id { get; }

    /// <summary>The container's main process in the host's PID namespace.</summary>
    public int Pid { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes when the main process ended and the output it left has been logged.</summary>
    public Task<ContainerExit> Exited { get; }

    public static async Task<Container> StartAsync(PodSandbox sandbox, ContainerSpec spec, CancellationToken ct)
    {
        if (spec.Argv.Count == 0) throw new ContainerStartException("StartError", "no command specified");
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var rootfs = new ContainerRootfs(Path.Combine(sandbox.Dir, id[..16]), spec);
        rootfs.Create();
        var view = new ContainerView(spec, rootfs.Upper);
        string program;
        try { program = ContainerView.Resolve(spec.Argv[0], spec.Env, view.Probe); }
        catch { TryDelete(rootfs.Dir); throw; }

        var env = spec.Env.Where(e => e.Key.Length > 0 && !e.Key.Contains('=')).Select(e => e.Key + "=" + e.Value).ToList();
        var workingDir = spec.WorkingDir is { Length: > 0 } wd ? wd : "/";
        List<string> argv;
        if (PauseBinary.Native && !UseShellChain)
        {
            argv = [ContainerRuntimeRoot.InitPath(sandbox.Spec.Cluster)];
            foreach (var call in rootfs.MountCalls()) argv.AddRange(call);
            argv.AddRange(["", rootfs.Root, workingDir, spec.Tty ? "1" : "0", program, .. spec.Argv]);
        }
        else
        {
            var script = Mount + (spec.Env.Any(e => e.Key == "PWD") ? "" : "unset PWD; ") + "exec \"$@\"";
            argv =
            [
                "/usr/bin/unshare", "-m", "--propagation", "private", "--",
                "/bin/sh", "-c", script, "kinet-container", rootfs.Fstab,
                "/usr/bin/unshare", "-R", rootfs.Root, "-w", workingDir, "--",
                .. spec.Tty ? new[] { "/usr/bin/setsid", "-c" } : [],
                .. spec.Argv,
            ];
        }

        var log = new CriLogWriter(spec.LogPath);
        var pausefd = (int)ProcessNative.PidfdOpen(sandbox.PausePid);
        if (pausefd < 0) throw new ContainerStartException("StartError", $"the pod's sandbox is gone (pause {sandbox.PausePid})");
        int pid;
        OutputPump stdout;
        OutputPump? stderr;
        FdWriteStream? stdin;
        Pty? pty;
        try
        {
            (pid, stdout, stderr, stdin, pty) = await SpawnWithStdioAsync(
                async (i, o, e) =>
                {
                    using var plan = new Spawner.Plan(argv[0], argv, env, i, o, e, newSession: !spec.Tty);
                    return await NamespaceSpawner.SpawnInAsync(pausefd, ProcessNative.CLONE_NEWNET | ProcessNative.CLONE_NEWUTS | ProcessNative.CLONE_NEWIPC | ProcessNative.CLONE_NEWPID, plan).ConfigureAwait(false);
                },
                spec.Tty, spec.Stdin, log.Stream("stdout"), spec.Tty ? null : log.Stream("stderr")).ConfigureAwait(false);
        }
        catch
        {
            log.Dispose();
            throw;
        }
        finally { ProcessNative.close(pausefd); }
        var code = ProcessWatch.WaitChildAsync(pid, () => { stdout.Drain(); stderr?.Drain(); });
        _ = Task.WhenAll(stderr is null ? [stdout.Completed] : [stdout.Completed, stderr.Completed]).ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        var exited = code.ContinueWith(t => ContainerExit.From(t.Result, DateTimeOffset.UtcNow), TaskScheduler.Default);
        await WaitSetUpAsync(pid, rootfs.Root, code, ct).ConfigureAwait(false);
        return new Container(sandbox, spec, id, pid, exited, stdout, stderr, stdin, pty);
    }

    /// <summary>Waits until the container process is past its set-up (every set-up stage has the rootfs path among its
    /// arguments; the program does not), so its mount namespace and root are final for exec and for callers.</summary>
    private static async Task WaitSetUpAsync(int pid, string root, Task exited, CancellationToken ct)
    {
        var marker = Encoding.UTF8.GetBytes("\0" + root + "\0");
        for (var attempt = 0; !exited.IsCompleted; attempt++)
        {
            byte[] cmdline;
            try { cmdline = await File.ReadAllBytesAsync($"/proc/{pid}/cmdline", ct).ConfigureAwait(false); }
            catch (IOException) { return; }
            // Empty while an execve is half done (the new image's arguments are not set up yet), or for a program
            // that cleared them: wait a little, not forever.
            if (cmdline.Length == 0 ? attempt > 200 : cmdline.AsSpan().IndexOf(marker) < 0) return;
            await Task.Delay(attempt < 50 ? 1 : 10, ct).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM to the main process, SIGKILL to the container's processes after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!Exited.IsCompleted)
        {
            Signal(ProcessNative.SIGTERM);
            try { await Exited.WaitAsync(grace).ConfigureAwait(false); }
            catch (TimeoutException) { }
        }
        KillGroup();
        await Exited.ConfigureAwait(false);
    }

    public Task SignalAsync(int signal)
    {
        Signal(signal);
        return Task.CompletedTask;
    }

    private void Signal(int signal)
    {
        if (!Exited.IsCompleted) ProcessNative.kill(Pid, signal);
    }

    /// <summary>SIGKILL to the main process and its process group (it leads one: descendants that stayed in it).</summary>
    private void KillGroup()
    {
        ProcessNative.kill(Pid, ProcessNative.SIGKILL);
        ProcessNative.kill(-Pid, ProcessNative.SIGKILL);
    }

    /// <summary>Attaches to the main process's stdio from now on (kubelet attach). With StdinOnce, stdin closes when the
    /// first attach session ends.</summary>
    public Task<StreamSession> AttachAsync()
    {
        var stdout = new ChunkReadStream();
        var stderr = _stderr is null ? null : new ChunkReadStream();
        if (!_stdout.Subscribe(stdout)) stdout.Complete();
        if (stderr is not null && !_stderr!.Subscribe(stderr)) stderr.Complete();
        Interlocked.Increment(ref _attachCount);
        var stdin = _stdin is null ? null : new NonClosingStream(_stdin);
        var exitCode = Exited.ContinueWith(t => t.Result.ExitCode, TaskScheduler.Default);
        var session = new StreamSession(stdin, stdout, stderr, exitCode, Resize, CloseStdin, () =>
        {
            _stdout.Unsubscribe(stdout);
            stdout.Complete();
            if (stderr is not null) { _stderr!.Unsubscribe(stderr); stderr.Complete(); }
            if (Spec.StdinOnce) CloseStdin();
            return ValueTask.CompletedTask;
        });
        return Task.FromResult(session);
    }

    public void Resize(ushort cols, ushort rows)
    {
        if (_pty is not null) ProcessNative.SetWindowSize(_pty.Master, cols, rows);
    }

    public void CloseStdin() => _stdin?.Dispose();

    /// <summary>Runs <paramref name="argv"/> in the container's namespaces, root and working dir with the container's
    /// env (plus TERM=xterm with a tty): `nsenter -t <pid> -m -n -u -i -p -r -w`.</summary>
    public Task<ExecSession> ExecAsync(IReadOnlyList<string> argv, bool stdin, bool tty, CancellationToken ct)
    {
        if (Exited.IsCompleted || Pid <= 0)
            throw new InvalidOperationException("cannot exec in a stopped container: container is not running");
        if (argv.Count == 0) throw new ArgumentException("no command", nameof(argv));
        var rootView = $"/proc/{Pid}/root";
        try { ContainerView.Resolve(argv[0], Spec.Env, p => ContainerView.ProbeHost(rootView + p)); }
        catch (ContainerStartException e)
        {
            var text = "OCI runtime exec failed: exec failed: unable to start container process: " +
                       e.Message[(e.Message.IndexOf("exec: ", StringComparison.Ordinal))..] + (tty ? "\r\n" : "\n");
            return Task.FromResult(FailedExec(text, e.Message.Contains("permission denied", StringComparison.Ordinal) ? 126 : 127, stdin, tty));
        }
        var env = Spec.Env.Where(e => e.Key.Length > 0 && !e.Key.Contains('=')).Select(e => e.Key + "=" + e.Value).ToList();
        if (tty && !Spec.Env.Any(e => e.Key == "TERM")) env.Add("TERM=xterm");
        List<string> command =
        [
            "/usr/bin/nsenter", "-t", Pid.ToString(CultureInfo.InvariantCulture), "-m", "-n", "-u", "-i", "-p", "-r", "-w", "--",
            .. tty ? new[] { "/usr/bin/setsid", "-c" } : [],
            .. argv,
        ];
        var stdoutStream = new ChunkReadStream();
        var stderrStream = tty ? null : new ChunkReadStream();
        var (wrapper, stdout, stderr, stdinWriter, pty) = SpawnWithStdioAsync(
            (i, o, e) => Task.FromResult(Spawner.Spawn(command[0], command, env, i, o, e)), tty, stdin, stdoutStream, stderrStream).GetAwaiter().GetResult();
        var exit = ProcessWatch.WaitChildAsync(wrapper, () => { stdout.Drain(); stderr?.Drain(); });
        Action<ushort, ushort>? resize = pty is null ? null : (c, r) => ProcessNative.SetWindowSize(pty.Master, c, r);
        ExecSession session = new(stdinWriter, stdoutStream, stderrStream, exit, resize, () => stdinWriter?.Dispose(), async () =>
        {
            stdinWriter?.Dispose();
            if (!exit.IsCompleted)
            {
                // The client went away: end what it started, as the kubelet does when the stream closes.
                var child = await PodSandbox.FindChildAsync(wrapper, exit, CancellationToken.None).ConfigureAwait(false);
                if (child is { } c) ProcessNative.kill(c, ProcessNative.SIGKILL);
                ProcessNative.kill(-wrapper, ProcessNative.SIGKILL);
            }
        });
        return Task.FromResult(session);
    }

    /// <summary>An exec probe: runs <paramref name="argv"/>, returns its exit code and up to 10 KiB of output (the
    /// kubelet's limit); on timeout the process is killed and TimedOut is set.</summary>
    public async Task<ProbeResult> RunProbeAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken ct)
    {
        const int MaxOutput = 10 * 1024;
        var session = await ExecAsync(argv, stdin: false, tty: false, ct).ConfigureAwait(false);
        await using var _ = session;
        var output = new MemoryStream();
        async Task Collect(Stream s)
        {
            var buffer = new byte[4096];
            int n;
            while ((n = await s.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                lock (output) if (output.Length < MaxOutput) output.Write(buffer, 0, (int)Math.Min(n, MaxOutput - output.Length));
        }
        var collect = Task.WhenAll(Collect(session.Stdout), session.Stderr is null ? Task.CompletedTask : Collect(session.Stderr));
        try
        {
            var code = await session.ExitCode.WaitAsync(timeout, ct).ConfigureAwait(false);
            await collect.WaitAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            return new ProbeResult(code, Encoding.UTF8.GetString(output.ToArray()), false);
        }
        catch (TimeoutException)
        {
            lock (output) return new ProbeResult(-1, Encoding.UTF8.GetString(output.ToArray()), session.ExitCode.IsCompleted is false);
        }
    }

    private static ExecSession FailedExec(string message, int code, bool stdin, bool tty)
    {
        var stdout = new ChunkReadStream();
        var stderr = tty ? null : new ChunkReadStream();
        (stderr ?? stdout).Push(Encoding.UTF8.GetBytes(message));
        stdout.Complete();
        stderr?.Complete();
        return new ExecSession(stdin ? Null : null, stdout, stderr, Task.FromResult(code), null, null, null);
    }

    private static readonly Stream Null = Stream.Null;

    private static async Task<(int Pid, OutputPump Stdout, OutputPump? Stderr, FdWriteStream? Stdin, Pty? Pty)> SpawnWithStdioAsync(
        Func<Spawner.StdioSource, Spawner.StdioSource, Spawner.StdioSource, Task<int>> spawn, bool tty, bool stdin,
        OutputPump.ISink stdoutSink, OutputPump.ISink? stderrSink)
    {
        if (tty)
        {
            var pty = Pty.Open();
            var slave = Pty.Slave(pty.SlavePath);
            int pid;
            try { pid = await spawn(slave, slave, slave).ConfigureAwait(false); }
            catch { ProcessNative.close(pty.Master); throw; }
            var writer = stdin ? new FdWriteStream(pty.DupForWriting()) : null;
            return (pid, new OutputPump(pty.Master, stdoutSink), null, writer, pty);
        }
        var outPipe = ProcessNative.Pipe();
        var errPipe = ProcessNative.Pipe();
        (int Read, int Write)? inPipe = stdin ? ProcessNative.Pipe() : null;
        int spawned;
        try
        {
            spawned = await spawn(
                inPipe is { } i ? Spawner.StdioSource.Of(i.Read) : Spawner.StdioSource.Null(false),
                Spawner.StdioSource.Of(outPipe.Write), Spawner.StdioSource.Of(errPipe.Write)).ConfigureAwait(false);
        }
        catch
        {
            ProcessNative.close(outPipe.Read); ProcessNative.close(errPipe.Read);
            if (inPipe is { } p) ProcessNative.close(p.Write);
            throw;
        }
        finally
        {
            ProcessNative.close(outPipe.Write); ProcessNative.close(errPipe.Write);
            if (inPipe is { } p) ProcessNative.close(p.Read);
        }
        return (spawned, new OutputPump(outPipe.Read, stdoutSink), new OutputPump(errPipe.Read, stderrSink!),
            inPipe is { } w ? new FdWriteStream(w.Write) : null, null);
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>An attach session's view of the shared stdin: disposing the session must not close it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
