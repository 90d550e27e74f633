// Runs a host tool (nft, conntrack) inside a named network namespace without `ip netns exec`: the process is forked
// from a dedicated thread that has entered the namespace (a child inherits the forking thread's namespaces), so it
// costs one process instead of two plus a sysfs remount. Measured on the loaded 2-core machine: `ip netns exec X nft`
// ~140 ms, nft forked this way ~50 ms (plain nft's own cost).
using System.Diagnostics;
using Kinet.Node.Network;

namespace Kinet.Node.Nftables;

internal static class NetnsTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string netnsName, string tool, IReadOnlyList<string> args, string? stdin, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        var path = NetworkNames.NetnsPath(netnsName);
        if (!File.Exists(path)) throw new InvalidOperationException($"network namespace {netnsName} does not exist");
        using var process = await NetnsThread.RunAsync(path, () => Process.Start(start)
            ?? throw new InvalidOperationException($"cannot start {tool}")).ConfigureAwait(false);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), ct).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
