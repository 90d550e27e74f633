// `kinet agnhost <subcommand> [args]`: agnhost as a standalone process, for `kubectl exec` and for running outside
// the daemon. Same code as in-process; output goes where agnhost writes it (log lines to stderr, prints to stdout);
// SIGTERM and SIGINT reach the program as they reach agnhost.
using System.Runtime.InteropServices;

namespace Kinet.Node.Servers.Agnhost;

public static class AgnhostProgram
{
    /// <summary>
    /// Runs agnhost with <paramref name="args"/> (with or without the binary first) and returns its exit code.
    /// <paramref name="context"/> supplies identity, environment and sockets; its log sink and exit callback are
    /// replaced. With <paramref name="handleSignals"/> the process's SIGTERM/SIGINT are delivered to the program.
    /// Cancelling <paramref name="ct"/> kills it (exit code 137).
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ServerContext context, TextWriter stdout, TextWriter stderr,
        bool handleSignals, CancellationToken ct)
    {
        var rest = AgnhostInvocation.WithoutBinary(args);
        if (rest.Count == 0 || rest[0] is "help" or "--help" or "-h")
        {
            await stdout.WriteAsync(Usage());
            return 0;
        }
        if (AgnhostInvocation.Parse(rest, out var error) is not { } invocation)
        {
            await stderr.WriteLineAsync("Error: " + error);
            await stderr.WriteLineAsync($"Run 'agnhost {(rest.Count > 0 && AgnhostSubcommands.Find(rest[0]) is not null ? rest[0] + " " : "")}--help' for usage.");
            return 1;
        }
        var sub = AgnhostSubcommands.Find(invocation.Subcommand)!;
        if (invocation.Help)
        {
            await stdout.WriteLineAsync($"{sub.Short}\n\nUsage:\n  agnhost {sub.Name} [flags]\n\nFlags:");
            foreach (var flag in sub.Flags) await stdout.WriteLineAsync($"      --{flag.Name} (default {flag.Default})");
            return 0;
        }
        if (sub.Name == "connect") return await AgnhostConnect.RunAsync(invocation.Flags, stderr, ct);
        if (sub.Name == "netexec" && invocation.Flags.String("tls-cert-file").Length > 0)
        {
            // Serving plain HTTP where HTTPS was asked for would mislead the test; failing says why.
            await stderr.WriteLineAsync(Go.GoLog.Prefix(context.Time.GetUtcNow()) + "kinet: netexec over TLS (--tls-cert-file) is not built into kinet");
            return 1;
        }

        var output = new object();
        var server = AgnhostServer.Create(invocation, context with
        {
            LogSink = (stream, line) =>
            {
                lock (output)
                {
                    var writer = stream == ContainerStream.Stdout ? stdout : stderr;
                    writer.WriteLine(line);
                    writer.Flush();
                }
            },
            OnExit = _ => { },
        });
        var registrations = handleSignals
            ? new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT }.Select(s => PosixSignalRegistration.Create(s, c =>
            {
                c.Cancel = true; // the program decides how it ends, as agnhost's handlers do
                server.Signal(c.Signal);
            })).ToList()
            : [];
        try
        {
            await server.StartAsync(ct);
            return await server.Exited.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 137;
        }
        finally
        {
            foreach (var registration in registrations) registration.Dispose();
            await server.DisposeAsync();
        }
    }

    private static string Usage() =>
        "agnhost as built into kinet: the subcommands Kubernetes' e2e tests run in agnhost images.\n\nUsage:\n  agnhost [command]\n\nAvailable Commands:\n"
        + string.Concat(AgnhostSubcommands.All.Select(s => $"  {s.Name,-16}{s.Short}\n"));
}
