// Runs a program to completion with a given environment and optional stdin, capturing stdout and stderr.
// The safety timeout only stops a hung child so a broken build cannot hang CI; tests never assert on time.
using System.Diagnostics;

namespace Kinet.Cli.Tests.Harness;

internal static class ProcessRunner
{
    public static readonly TimeSpan HangTimeout = TimeSpan.FromMinutes(5);

    public static async Task<KubectlResult> RunAsync(
        string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string? stdin = null)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();

        using var hang = new CancellationTokenSource(HangTimeout);
        try { await process.WaitForExitAsync(hang.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new KubectlResult(-1, await stdout, await stderr + $"\n[harness] killed {program} after {HangTimeout}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}
