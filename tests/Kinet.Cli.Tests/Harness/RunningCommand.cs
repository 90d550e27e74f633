// A long-running command in a test (`kubectl logs -f`, `kubectl port-forward`): its output lines are collected as they
// arrive (so the process never blocks on a full pipe), and disposing it kills the process tree, even when the test failed.
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kinet.Cli.Tests.Harness;

public sealed class RunningCommand : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private RunningCommand(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static RunningCommand Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        return new RunningCommand(Process.Start(psi)!);
    }

    /// <summary>The first <paramref name="count"/> lines of standard output, once they arrived.</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count)
    {
        await Poll.Until(() => Task.FromResult(_lines.Count >= count || _process.HasExited), done => done,
            $"{count} lines from {_process.StartInfo.FileName}");
        Assert.True(_lines.Count >= count, $"the command ended after {_lines.Count} lines; stderr:\n{string.Join('\n', _errors)}");
        return _lines.Take(count).ToList();
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
