// `kinet kubeconfig`: print the cluster's kubeconfig (like `kind get kubeconfig`), without touching any file.
using System.CommandLine;
using Kinet.Cli.Clusters;
using Kinet.Cli.Kubeconfig;

namespace Kinet.Cli.Commands;

internal static class KubeconfigCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = CommonOptions.Name();
        var command = new Command("kubeconfig", "Print the kubeconfig of a cluster") { name };
        command.SetAction(parse =>
        {
            var dir = ClusterDirectory.For(env.KinetHome, CommonOptions.ClusterNameOf(parse, name));
            if (!dir.HasCredentials) throw new CliException($"cluster \"{dir.Name}\" does not exist");
            env.Out.Write(ClusterKubeconfig.Standalone(dir));
            return 0;
        });
        return command;
    }
}
