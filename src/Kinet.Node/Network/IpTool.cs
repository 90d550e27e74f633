// The one door through which the network layer runs iproute2's `ip`: asynchronously, with batches fed on stdin so
// a node or a pod costs one process per namespace rather than one per command.
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Node.Network;

internal static class IpTool
{
    /// <summary>Runs `ip [-n netns] -batch -` with <paramref name="lines"/>; fails on the first failing line unless
    /// <paramref name="force"/> (then every line runs, and any failure is still reported at the end).</summary>
    public static async Task BatchAsync(string? netns, IEnumerable<string> lines, CancellationToken ct, bool force = false)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
            text.Append(line).Append('\n');
        if (text.Length > 0)
            await RunAsync("ip", Global(netns) + (force ? "-force " : "") + "-batch -", text.ToString(), ct).ConfigureAwait(false);
    }

    /// <summary>Runs `ip [-n netns] -j args...` and parses its JSON output (an array).</summary>
    public static async Task<JsonArray> JsonAsync(string? netns, string args, CancellationToken ct)
    {
        var output = await RunAsync("ip", Global(netns) + "-j " + args, stdin: null, ct).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(output) ? [] : JsonNode.Parse(output)?.AsArray() ?? [];
    }

    private static string Global(string? netns) => netns is null ? "" : $"-n {netns} ";

    private static async Task<string> RunAsync(string tool, string args, string? stdin, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool, args)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), ct).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new NetworkCommandException($"{tool} {args}" + (stdin is null ? "" : $" <<< {stdin.Replace('\n', ';')}"),
                process.ExitCode, errors);
        return output;
    }
}
