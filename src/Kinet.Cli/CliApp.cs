// The command tree and the one place errors become output: a CliException (user mistake or known failure) prints
// "ERROR: <one line>" on stderr and exits 1; parse errors likewise; only unexpected exceptions show a stack trace.
using System.CommandLine;
using Kinet.Cli.Commands;

namespace Kinet.Cli;

internal static class CliApp
{
    public static RootCommand CreateRoot(CliEnvironment env)
    {
        var root = new RootCommand("Kinet: a Kubernetes cluster network on one Linux machine.")
        {
            UpCommand.Create(env),
            DownCommand.Create(env),
            StatusCommand.Create(env),
            KubeconfigCommand.Create(env),
            VersionCommand.Create(env),
            DaemonCommand.Create(env),
            AgnhostCommand.Create(env),
            DnsCommand.Create(env),
            ProxyCommand.Create(env),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken ct = default)
    {
        var parse = CreateRoot(env).Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // "Required command was not provided" only adds noise next to the real mistake (an unknown word).
            var messages = parse.Errors.Select(e => e.Message).ToList();
            if (messages.Count > 1) messages.RemoveAll(m => m.StartsWith("Required command", StringComparison.Ordinal));
            await env.Err.WriteLineAsync("ERROR: " + string.Join("; ", messages) + " (see kinet --help)");
            return 1;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = env.Out,
                Error = env.Err,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // the daemon handles SIGTERM itself; other commands may just die
            }, ct);
        }
        catch (CliException e)
        {
            await env.Err.WriteLineAsync("ERROR: " + e.Message);
            if (e.Detail is { Length: > 0 } detail) await env.Err.WriteLineAsync(detail.TrimEnd());
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not a user mistake: say so on the first line, keep the trace for the report.
            await env.Err.WriteLineAsync($"ERROR: unexpected failure (a bug in kinet): {e.Message}");
            await env.Err.WriteLineAsync(e.ToString());
            return 2;
        }
    }
}
