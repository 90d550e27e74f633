// `kinet down`: stop the cluster's daemon and remove the cluster: its state directory and its kubeconfig entries.
// Like `kind delete cluster`, a cluster that does not exist is not an error. Also removes everything the cluster put in the
// kernel, even when its daemon died.
using System.CommandLine;
using Kinet.Cli.Clusters;
using Kinet.Cli.Daemon;
using Kinet.Cli.Kubeconfig;

namespace Kinet.Cli.Commands;

internal static class DownCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = CommonOptions.Name();
        var command = new Command("down", "Stop a cluster and delete it with all its state") { name };
        command.SetAction((parse, ct) => RunAsync(env, CommonOptions.ClusterNameOf(parse, name), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliEnvironment env, string name, CancellationToken ct)
    {
        env.Out.WriteLine($"Deleting cluster \"{name}\" ...");
        var dir = ClusterDirectory.For(env.KinetHome, name);
        if (DaemonProcess.Find(dir) is { } pid) await DaemonProcess.StopAsync(pid, DaemonProcess.StopTimeout, ct);
        // The kernel's share (processes, namespaces, links, routes, mounts) is found by the cluster's name, so this also
        // cleans up after a daemon that died; a simulated cluster has none, and without root there is nothing to find.
        if (DataPlanes.KernelAllowed)
        {
            var removed = await Kernel.KernelDataPlane.DownAsync(name, ct);
            if (!removed.IsEmpty) env.Out.WriteLine($"Removed the cluster's network: {removed.Namespaces.Count} namespaces, {removed.RootLinks.Count} links, {removed.Processes.Count} processes");
        }
        try
        {
            if (dir.Exists) Directory.Delete(dir.Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Another `kinet down` of the same cluster removed it meanwhile (a script's exit trap beside a manual one).
        }
        ClusterKubeconfig.Remove(env.KubeconfigPath, name);
        return 0;
    }
}
