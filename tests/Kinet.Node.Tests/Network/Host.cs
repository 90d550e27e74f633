// Runs shell commands on the host for the network tests (ip netns exec, ping, nc, ss) and returns exit code and output.
using System.Diagnostics;

namespace Kinet.Node.Tests.Network;

internal sealed record HostResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}: {Stdout}{Stderr}";
}

internal static class Host
{
    public static async Task<HostResult> RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new HostResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the command and fails the test with its output when it exits non-zero.</summary>
    public static async Task<string> OkAsync(string command)
    {
        var result = await RunAsync(command);
        Assert.True(result.ExitCode == 0, $"'{command}' failed: {result}");
        return result.Stdout;
    }
}
