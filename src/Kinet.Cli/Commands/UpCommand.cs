// `kinet up`: create a cluster (or restart a stopped one from its state), start its daemon in the background,
// wait until the API answers, and make it kubectl's current context. Running it again is harmless.
using System.CommandLine;
using Kinet.Cli.Clusters;
using Kinet.Cli.Config;
using Kinet.Cli.Daemon;
using Kinet.Cli.Kubeconfig;
using Kinet.Cli.Output;
using Kinet.Cli.Security;

namespace Kinet.Cli.Commands;

internal static class UpCommand
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliEnvironment env)
    {
        var name = CommonOptions.Name();
        var config = new Option<FileInfo?>("--config") { Description = "a kind cluster configuration file (kind: Cluster)" };
        var plane = new Option<string?>("--data-plane")
        {
            Description = "what runs pods: kernel (network namespaces and processes; needs root, the default as root) or simulated (API objects only)",
        };
        plane.AcceptOnlyFromAmong("kernel", "simulated");
        var command = new Command("up", "Create and start a cluster, and set the kubectl context to it") { name, config, plane };
        command.SetAction((parse, ct) => RunAsync(env, CommonOptions.ClusterNameOf(parse, name), parse.GetValue(config)?.FullName, ct,
            parse.GetValue(plane) is { } p ? DataPlanes.Parse(p) : null));
        return command;
    }

    public static async Task<int> RunAsync(CliEnvironment env, string name, string? configPath, CancellationToken ct, DataPlane? dataPlane = null)
    {
        if (dataPlane == DataPlane.Kernel && !DataPlanes.KernelAllowed)
            throw new CliException("--data-plane kernel needs root (network namespaces, links and processes in them); run as root or use --data-plane simulated");
        string? configText = null;
        if (configPath is not null)
        {
            (configText, var warnings) = ClusterConfigFile.ReadAndValidate(configPath, name);
            foreach (var w in warnings) env.Err.WriteLine($"WARNING: cluster config: {w}");
        }
        var dir = ClusterDirectory.For(env.KinetHome, name);
        var context = ClusterName.ContextName(name);

        if (DaemonProcess.Find(dir) is { } running)
        {
            ClusterKubeconfig.Merge(env.KubeconfigPath, ClusterKubeconfig.EntryFor(dir));
            env.Out.WriteLine($"Cluster \"{name}\" is already running (pid {running}, https://127.0.0.1:{dir.ReadPort()}); kubectl context is \"{context}\"");
            if (configText is not null)
                env.Err.WriteLine($"note: --config is not applied to a running cluster; kinet down --name {name} first to recreate it");
            return 0;
        }
        var restart = dir.HasCredentials;
        if (restart && dataPlane is { } asked && asked != dir.ReadDataPlane())
            env.Err.WriteLine($"note: --data-plane is not changed for an existing cluster (it runs {DataPlanes.Name(dir.ReadDataPlane())}); kinet down --name {name} first to recreate it");

        var progress = new Progress(env.Out, env.Interactive);
        env.Out.WriteLine(restart ? $"Starting cluster \"{name}\" from its saved state ..." : $"Creating cluster \"{name}\" ...");
        if (restart)
            await progress.StepAsync("Checking certificates", () => ClusterCredentials.RenewIfNeeded(dir, DateTimeOffset.UtcNow));
        else
            await progress.StepAsync("Generating CA, certificates and token", () =>
            {
                if (dir.Exists) Directory.Delete(dir.Root, recursive: true); // leftovers of an interrupted create
                ClusterCredentials.Create(dir, DateTimeOffset.UtcNow);
            });
        if (configText is not null) StateFiles.Write(dir.Config, configText);
        if (!restart) StateFiles.Write(dir.DataPlaneFile, DataPlanes.Name(dataPlane ?? DataPlanes.Default) + "\n");

        await progress.StepAsync("Starting API server", () => StartDaemonAsync(env, dir, ct));
        await progress.StepAsync("Writing kubeconfig", () => ClusterKubeconfig.Merge(env.KubeconfigPath, ClusterKubeconfig.EntryFor(dir)));

        env.Out.WriteLine($"Set kubectl context to \"{context}\"");
        env.Out.WriteLine("You can now use your cluster with:");
        env.Out.WriteLine();
        env.Out.WriteLine($"kubectl cluster-info --context {context}");
        env.Out.WriteLine();
        return 0;
    }

    private static async Task<int> StartDaemonAsync(CliEnvironment env, ClusterDirectory dir, CancellationToken ct)
    {
        File.Delete(dir.Pid); // stale from a crash; the new daemon writes its own once bound
        using var daemon = DaemonLauncher.Start(dir, env.KinetHome);
        using var ca = ClusterCredentials.LoadCa(dir);
        using var probe = new ReadinessProbe(ca, dir.ReadToken());
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var reason = "the daemon has not bound a port yet";
        while (DateTime.UtcNow < deadline)
        {
            if (daemon.HasExited)
                throw new CliException($"the cluster daemon exited with status {daemon.ExitCode} (log: {dir.Log})", LogTail(dir.Log));
            if (dir.ReadPid() == daemon.Id && dir.ReadPort() is { } port)
            {
                reason = await probe.CheckAsync(port, ct) ?? "";
                if (reason.Length == 0) return port;
            }
            await Task.Delay(100, ct);
        }
        await DaemonProcess.StopAsync(daemon.Id, TimeSpan.FromSeconds(5), ct);
        throw new CliException($"the cluster API did not become ready within {ReadyTimeout.TotalSeconds:0}s: {reason} (log: {dir.Log})", LogTail(dir.Log));
    }

    internal static string LogTail(string path, int lines = 20)
    {
        try { return string.Join('\n', File.ReadLines(path).TakeLast(lines)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
