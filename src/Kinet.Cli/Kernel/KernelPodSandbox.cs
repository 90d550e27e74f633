// One running pod of the kernel data plane: its pause process and network namespace, its volumes, and its containers'
// runs (current process and every run's log file, for `kubectl logs --previous`). Containers are (re)planned at each start,
// as the kubelet recomputes a container's config on each start (a ConfigMap that appears later clears a config error).
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using Kinet.Controllers.Nodes.Plans;
using Kinet.Node.Logs;
using Kinet.Node.Network;
using Kinet.Node.Processes;
using Kinet.Node.Servers;
using Kinet.Node.Servers.Agnhost;
using Kinet.Node.Servers.Responder;
using static Kinet.Cli.Kernel.PodJson;
using NodeStartException = Kinet.Node.Processes.ContainerStartException;

namespace Kinet.Cli.Kernel;

internal sealed class KernelPodSandbox(
    KernelContainerRuntime runtime,
    JsonObject pod,
    PodPlan plan,
    PodPlanSettings settings,
    Func<JsonObject, IPodPlanSources> sources,
    PodSandbox sandbox,
    string netnsPath,
    PodNetworkHandle? network,
    string podDir,
    IReadOnlyDictionary<string, string> volumes,
    string logDir,
    Action<string> log) : IPodSandbox
{
    /// <summary>What a container whose program the daemon serves runs as its process: it holds the container's
    /// namespaces (so exec works) and lives until stopped. Both coreutils' and busybox's sleep take this number.</summary>
    private static readonly string[] HolderArgv = ["sleep", "2147483647"];

    private readonly ConcurrentDictionary<string, ContainerRuns> _containers = new(StringComparer.Ordinal);
    private int _disposed;

    public string Id => sandbox.Id;

    public string Uid => Str(pod["metadata"]?["uid"]);

    public JsonObject Pod => pod;

    /// <summary>The network namespace the pod's containers share (the node's for hostNetwork pods).</summary>
    public string NetnsPath => netnsPath;

    /// <summary>The container's runs so far, or null when it never started.</summary>
    public ContainerRuns? Runs(string container) => _containers.GetValueOrDefault(container);

    public async Task<IContainerHandle> StartContainerAsync(JsonObject podNow, JsonObject container, bool init, int restartCount, CancellationToken ct)
    {
        var name = Str(container["name"]);
        PodPlan current;
        try { current = PodPlanner.Plan(podNow, sources(podNow), settings); }
        catch (PodPlanException e) { throw new Controllers.Nodes.Lifecycle.ContainerStartException(e.Reason, e.Message); }
        var result = (init ? current.InitContainers : current.Containers).FirstOrDefault(c => c.Name == name)
                     ?? throw new Controllers.Nodes.Lifecycle.ContainerStartException(ContainerConfigError.CreateContainerConfigError, $"container {name} is not in the pod spec");
        if (result.Error is { } error) throw new Controllers.Nodes.Lifecycle.ContainerStartException(error.Reason, error.Message);
        var planned = result.Plan!;

        var logPath = Path.Combine(logDir, name, $"{restartCount}.log");
        var spec = new ContainerSpec(
            name,
            planned.Builtin is null && ImageProfiles.CoreDnsArgs(planned) is null ? planned.Argv : HolderArgv,
            planned.Env.Select(e => KeyValuePair.Create(e.Name, e.Value)).ToList(),
            planned.WorkingDir.Length == 0 ? null : planned.WorkingDir,
            Mounts(planned),
            current.FilesFor(planned).Concat(planned.VisibleLayerFiles).Where(f => f.Kind != PlannedFileKind.Directory)
                .Select(f => new ContainerFile(f.Path, f.Kind == PlannedFileKind.File ? f.Content : null, f.Target, f.Mode)).ToList(),
            planned.Stdin, planned.StdinOnce, planned.Tty, logPath);

        Container process;
        try { process = await Container.StartAsync(sandbox, spec, ct).ConfigureAwait(false); }
        catch (NodeStartException e) { throw new Controllers.Nodes.Lifecycle.ContainerStartException(e.Reason, e.Message); }

        IBuiltinServer? server = null;
        if (planned.Builtin is { Kind: not BuiltinKind.Pause } builtin)
        {
            try { server = await StartServerAsync(planned, builtin, logPath, ct).ConfigureAwait(false); }
            catch
            {
                await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
                throw;
            }
        }
        else if (ImageProfiles.CoreDnsArgs(planned) is { } corednsArgs)
        {
            server = StartCoreDns(planned, corednsArgs, logPath);
            await server.StartAsync(ct).ConfigureAwait(false);
        }
        var handle = new KernelContainerHandle(process, server);
        _containers.AddOrUpdate(name, _ => new ContainerRuns(handle, [logPath]), (_, runs) => runs.Next(handle, logPath));
        return handle;
    }

    public async Task<ExecProbeResult> ExecAsync(string container, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        if (Runs(container)?.Current is not { } handle) return new ExecProbeResult(-1, $"container {container} is not running");
        var r = await handle.Process.RunProbeAsync(command, timeout, ct).ConfigureAwait(false);
        return new ExecProbeResult(r.ExitCode, r.Output, r.TimedOut);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var runs in _containers.Values)
            if (runs.Current.Server is { } s) await s.DisposeAsync().ConfigureAwait(false);
        await sandbox.DisposeAsync().ConfigureAwait(false);
        if (network is not null) await runtime.Network.DeletePodNetworkAsync(network.PodId, CancellationToken.None).ConfigureAwait(false);
        TryDelete(podDir);
        TryDelete(logDir);
        runtime.Forget(Uid, this);
    }

    private List<BindMount> Mounts(ContainerPlan planned)
    {
        var mounts = new List<BindMount>();
        foreach (var m in planned.Mounts)
        {
            if (!volumes.TryGetValue(m.VolumeName, out var source)) continue;
            if (m.SubPath.Length > 0)
            {
                source = Path.Combine(source, m.SubPath);
                if (!File.Exists(source)) Directory.CreateDirectory(source); // the kubelet creates a missing subPath directory
            }
            mounts.Add(new BindMount(source, m.MountPath, m.ReadOnly));
        }
        return mounts;
    }

    private async Task<IBuiltinServer> StartServerAsync(ContainerPlan planned, Controllers.Nodes.Plans.BuiltinServer builtin, string logPath, CancellationToken ct)
    {
        var logFile = ContainerLogFile.Open(logPath);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in planned.Env) env[e.Name] = e.Value;
        var factory = NetnsSockets.Factory(netnsPath);
        var context = new ServerContext
        {
            PodName = Str(pod["metadata"]?["name"]),
            Namespace = Str(pod["metadata"]?["namespace"]),
            PodIP = settings.PodIPs.FirstOrDefault() ?? "",
            NodeName = settings.NodeName,
            Hostname = plan.Hostname,
            Environment = env,
            ListenSocketFactory = factory,
            DialSocketFactory = factory,
            LogSink = (stream, line) => logFile.WriteLine(stream == ContainerStream.Stdout ? "stdout" : "stderr", line),
        };
        IBuiltinServer server;
        if (builtin.Kind == BuiltinKind.Agnhost && AgnhostServer.TryParse([builtin.Subcommand, .. builtin.Args], out var invocation))
            server = AgnhostServer.Create(invocation, context);
        else
            server = new BuiltinResponder(context, builtin.Ports.Select(p => new ServedPort(p.Port, p.Protocol switch
            {
                "UDP" => PortProtocol.Udp,
                "SCTP" => PortProtocol.Sctp,
                _ => PortProtocol.Tcp,
            })).ToList());
        _ = server.Exited.ContinueWith(_ => logFile.Dispose(), TaskScheduler.Default);
        await server.StartAsync(ct).ConfigureAwait(false);
        return server;
    }

    /// <summary>The coredns image's /coredns: the cluster DNS server in-process, its sockets in the pod's namespace, its
    /// client in the daemon (the runtime's <see cref="KernelContainerRuntime.ClusterClient"/>).</summary>
    private Dns.CoreDnsContainer StartCoreDns(ContainerPlan planned, IReadOnlyList<string> args, string logPath)
    {
        var logFile = ContainerLogFile.Open(logPath);
        var server = new Dns.CoreDnsContainer(args,
            invocation => Dns.CoreDnsConfigSource.Apply(new Kinet.Dns.Hosting.CoreDnsOptions
            {
                Kubernetes = runtime.ClusterClient?.Invoke() ?? throw new InvalidOperationException("the API server is not serving yet"),
            }, pod, planned, volumes, invocation.Conf),
            NetnsSockets.Factory(netnsPath),
            (stream, line) => logFile.WriteLine(stream == ContainerStream.Stdout ? "stdout" : "stderr", line));
        _ = server.Exited.ContinueWith(_ => logFile.Dispose(), TaskScheduler.Default);
        return server;
    }

    private void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { log($"pod {Uid}: could not remove {dir}: {e.Message}"); }
    }
}

/// <summary>A container's runs: the current one and the log file of each run, oldest first.</summary>
internal sealed record ContainerRuns(KernelContainerHandle Current, IReadOnlyList<string> LogPaths)
{
    public ContainerRuns Next(KernelContainerHandle handle, string logPath) => new(handle, [.. LogPaths, logPath]);

    public string CurrentLog => LogPaths[^1];

    public string? PreviousLog => LogPaths.Count > 1 ? LogPaths[^2] : null;
}
