// `kinet agnhost <subcommand> [args]`: Kubernetes' agnhost test program as built into kinet, run as an ordinary
// process (`kubectl exec <pod> -- /agnhost connect ...` lands here, and so does anything the daemon does not serve
// in-process). Every token after "agnhost" goes to agnhost's own parser untouched, so its flags and errors are agnhost's.
using System.Collections;
using System.CommandLine;
using System.Net;
using Kinet.Node.Servers;
using Kinet.Node.Servers.Agnhost;

namespace Kinet.Cli.Commands;

internal static class AgnhostCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("agnhost", "Run Kubernetes' agnhost test program (connect, netexec, serve-hostname, porter, pause)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync(env, parse.UnmatchedTokens, ct));
        return command;
    }

    public static Task<int> RunAsync(CliEnvironment env, IReadOnlyList<string> args, CancellationToken ct)
    {
        var context = new ServerContext
        {
            Hostname = System.Net.Dns.GetHostName(),
            Environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""),
            Shell = RunShellAsync,
        };
        return AgnhostProgram.RunAsync(args, context, env.Out, env.Err, handleSignals: true, ct);
    }

    /// <summary>netexec's /shell: `/bin/sh -c` in this process's own container, output merged as CombinedOutput merges it.</summary>
    private static async Task<ShellResult> RunShellAsync(string command, CancellationToken ct)
    {
        using var process = new System.Diagnostics.Process
        {
            StartInfo = { FileName = "/bin/sh", ArgumentList = { "-c", command + " 2>&1" }, RedirectStandardOutput = true, UseShellExecute = false },
        };
        process.Start();
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new ShellResult(output, process.ExitCode);
    }
}
