// The door the daemon uses for agnhost images: whether a container's argv can run in-process, and the server for it.
// Everything else (connect, flag errors, --help, subcommands Kinet lacks) runs as `kinet agnhost <args>`, a real
// process that prints and exits as agnhost would.
using System.Diagnostics.CodeAnalysis;

namespace Kinet.Node.Servers.Agnhost;

public static class AgnhostServer
{
    /// <summary>The subcommands the daemon serves in-process.</summary>
    public static IReadOnlyList<string> InProcessSubcommands { get; } =
        AgnhostSubcommands.All.Where(s => s.InProcess).Select(s => s.Name).ToList();

    /// <summary>
    /// True when <paramref name="argv"/> (the container's command + args, with or without the leading agnhost binary)
    /// is a long-running subcommand the daemon can serve in-process with valid flags.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> argv, [NotNullWhen(true)] out AgnhostInvocation? invocation)
    {
        invocation = AgnhostInvocation.Parse(argv, out _);
        if (invocation is null || invocation.Help || !InProcessSubcommands.Contains(invocation.Subcommand)
            || (invocation.Subcommand == "netexec" && invocation.Flags.String("tls-cert-file").Length > 0))
        {
            invocation = null;
            return false;
        }
        return true;
    }

    /// <summary>The (not yet started) program for an in-process invocation.</summary>
    public static IBuiltinServer Create(AgnhostInvocation invocation, IServerContext context) => invocation.Subcommand switch
    {
        "netexec" => new NetexecServer(context, NetexecOptions.From(invocation.Flags)),
        "serve-hostname" => new ServeHostnameServer(context, invocation.Flags),
        "porter" => new PorterServer(context, invocation.Flags.Bool("json-response")),
        "pause" => new PauseServer(context),
        _ => throw new ArgumentException($"agnhost {invocation.Subcommand} does not run in-process", nameof(invocation)),
    };
}
