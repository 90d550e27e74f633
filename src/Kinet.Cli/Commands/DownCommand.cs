// `kinet down`: stop the cluster's daemon and remove the cluster: its state directory and its kubeconfig entries.
// Like `kind delete cluster`, a cluster that does not exist is not an error.
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
        if (dir.Exists) Directory.Delete(dir.Root, recursive: true);
        ClusterKubeconfig.Remove(env.KubeconfigPath, name);
        return 0;
    }
}
