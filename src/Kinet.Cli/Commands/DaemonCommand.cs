// `kinet daemon --name N` (hidden): the background process `kinet up` starts. Not for people to run by hand.
using System.CommandLine;
using Kinet.Cli.Clusters;
using Kinet.Cli.Daemon;

namespace Kinet.Cli.Commands;

internal static class DaemonCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = CommonOptions.Name();
        var command = new Command("daemon", "Run a cluster in the foreground (started by kinet up)") { name };
        command.Hidden = true;
        command.SetAction((parse, ct) =>
            DaemonHost.RunAsync(ClusterDirectory.For(env.KinetHome, CommonOptions.ClusterNameOf(parse, name)), env.Out, ct));
        return command;
    }
}
