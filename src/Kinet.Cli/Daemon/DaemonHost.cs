// The body of `kinet daemon`: the long-running cluster process. Opens the store, serves the API on the first free port
// of 6443..6543 (the previous port first, so kubeconfigs stay valid across restarts), records port and pid once bound,
// and on SIGTERM/SIGINT stops serving and closes the store before exiting.
using System.Runtime.InteropServices;
using Kinet.Api.Hosting;
using Kinet.Cli.Clusters;
using Kinet.Cli.Security;
using Kinet.Cli.Storage;

namespace Kinet.Cli.Daemon;

internal static class DaemonHost
{
    public const int FirstPort = 6443;
    public const int LastPort = 6543;

    public static async Task<int> RunAsync(ClusterDirectory dir, TextWriter log, CancellationToken ct)
    {
        Native.Libc.NewSession();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

        Log(log, $"starting cluster \"{dir.Name}\" from {dir.Root} (pid {Environment.ProcessId})");
        if (!dir.HasCredentials) throw new CliException($"cluster \"{dir.Name}\" has no credentials in {dir.Root}; run kinet up");
        using var instance = TakeInstanceLock(dir);
        try
        {
            return await ServeAsync(dir, log, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Log(log, "stopped (signal before serving)");
            return 0;
        }
    }

    private static async Task<int> ServeAsync(ClusterDirectory dir, TextWriter log, CancellationTokenSource stop)
    {
        var configText = File.Exists(dir.Config) ? await File.ReadAllTextAsync(dir.Config, stop.Token) : null;
        if (configText is not null) Log(log, $"cluster config {dir.Config} (kind format)");
        var config = Kinet.Model.Cluster.ClusterConfig.Parse(configText, dir.Name);
        foreach (var w in config.Warnings) Log(log, "cluster config: " + w);
        var spec = config.Spec;
        using var certificate = ClusterCredentials.LoadServing(dir);
        var tokens = new Dictionary<string, string> { [dir.ReadToken()] = ClusterCredentials.AdminUser };

        // The kernel network is built while the store opens and the API binds (it takes a few hundred milliseconds).
        var dataPlane = dir.ReadDataPlane();
        Log(log, $"data plane: {DataPlanes.Name(dataPlane)}");
        var kernelStart = dataPlane == DataPlane.Kernel
            ? Task.Run(() => Kernel.KernelDataPlane.StartAsync(spec, dir.Root, message => Log(log, message), stop.Token))
            : null;
        var kernelStreams = kernelStart is null ? null : new Kernel.DeferredPodStreams(kernelStart);
        var store = await StoreFactory.OpenAsync(dir.Store, stop.Token);
        try
        {
            Log(log, $"store {dir.Store} open at revision {store.Revision}");
            var server = await BindAsync(dir, log, port => new ApiServerOptions
            {
                Store = store, Port = port, ServingCertificate = certificate, Tokens = tokens, ClusterName = dir.Name,
                ServiceCidr = spec.ServiceSubnet.ToString(), PodStreams = kernelStreams,
            }, stop.Token);
            Kernel.KernelDataPlane? kernel = null;
            if (kernelStart is not null)
            {
                try { kernel = await kernelStart; }
                catch (Kinet.Node.Network.NetworkConflictException e) { throw new CliException(e.Message); }
                Log(log, $"kernel network up: {spec.Nodes.Count} nodes, {spec.PodNetworkMode.ToString().ToLowerInvariant()} mode, underlay {spec.UnderlaySubnet}");
                var apiPort = server.Port;
                kernel.Runtime.ClusterClient = () => Dns.ClusterClientConfig.For(dir, apiPort);
            }
            bool crashed;
            var client = new Composition.RegistryObjectClient(server.Context, server.Registry);
            await Composition.NodeRegistration.RegisterAsync(client, spec, Composition.HostFacts.Read(dir.Root), message => Log(log, message), stop.Token);
            var controllers = Kinet.Controllers.Runtime.ControllerManager.Start(new Kinet.Controllers.Runtime.ControllerManagerOptions
            {
                Client = client,
                NamespacedResources = Composition.RegistryObjectClient.NamespacedResources,
                Log = message => Log(log, message),
                LoadBalancerPool = Kinet.Model.Networking.IPRange.Parse($"{spec.LoadBalancerRange.First}-{spec.LoadBalancerRange.Last}"),
                ApiServerAddress = spec.Nodes[0].InternalIP.ToString(),
                ApiServerPort = server.Port,
                RootCaPem = await File.ReadAllTextAsync(dir.CaCertificate, stop.Token),
                NodeAgentFactory = kernel is null ? null : kernel.Agent,
                ExtraControllers = kernel is null ? [] : [kernel.Proxies.Controller],
            });
            try
            {
                // The cluster addons kubeadm installs: CoreDNS (each missing object is created again at every start).
                await Dns.CoreDnsAddon.EnsureAsync(client, spec, message => Log(log, message), stop.Token);
                StateFiles.Write(dir.Port, server.Port + "\n");
                StateFiles.Write(dir.Pid, Environment.ProcessId + "\n");
                Log(log, $"serving https://127.0.0.1:{server.Port}");
                await Task.WhenAny(server.Completion, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
                // The web host also listens for SIGTERM and may finish first; a signal seen by us means an ordered stop either way.
                crashed = !stop.IsCancellationRequested;
                Log(log, crashed ? "API server stopped on its own" : "stopping (signal)");
            }
            finally
            {
                await controllers.DisposeAsync();
                await server.DisposeAsync();
            }
            if (crashed && server.Completion.IsFaulted) Log(log, server.Completion.Exception!.ToString());
            return crashed ? 1 : 0;
        }
        finally
        {
            await store.DisposeAsync();
            if (dir.ReadPid() == Environment.ProcessId) TryDelete(dir.Pid);
            Log(log, "stopped");
        }
    }

    /// <summary>
    /// One daemon per cluster even if two `kinet up` race: an exclusive lock (.NET takes flock for FileShare.None on Unix)
    /// that the kernel releases when the process dies, however it dies.
    /// </summary>
    private static FileStream TakeInstanceLock(ClusterDirectory dir)
    {
        try
        {
            return new FileStream(dir.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new CliException($"another daemon of cluster \"{dir.Name}\" is already running");
        }
    }

    private static async Task<ApiServer> BindAsync(ClusterDirectory dir, TextWriter log, Func<int, ApiServerOptions> options, CancellationToken ct)
    {
        foreach (var port in CandidatePorts(dir.ReadPort()))
        {
            try { return await ApiServer.StartAsync(options(port), ct); }
            catch (IOException e)
            {
                // Kestrel reports "address already in use" as an IOException; anything else is not ours to retry.
                Log(log, $"port {port}: {e.Message}");
            }
        }
        throw new CliException($"no free port in {FirstPort}..{LastPort} on 127.0.0.1");
    }

    /// <summary>The previous port first (if in range), then 6443 upward.</summary>
    internal static IEnumerable<int> CandidatePorts(int? previous)
    {
        if (previous is >= FirstPort and <= LastPort) yield return previous.Value;
        for (var p = FirstPort; p <= LastPort; p++)
            if (p != previous) yield return p;
    }

    private static void Log(TextWriter log, string line)
    {
        log.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
        log.Flush();
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
