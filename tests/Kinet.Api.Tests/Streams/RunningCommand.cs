// A program left running while the test talks to it (kubectl port-forward, kubectl logs -f): its output is collected as
// it comes so the test can wait for a line; disposing kills it.
using System.Diagnostics;
using System.Text;

namespace Kinet.Api.Tests.Streams;

public sealed class RunningCommand : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    public RunningCommand(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECTL_KUBERC"] = "false";
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_waits) return _stdout.ToString(); } }
    public string Stderr { get { lock (_waits) return _stderr.ToString(); } }
    public Process Process => _process;

    private void Append(StringBuilder sb, string? line)
    {
        if (line is null) return;
        lock (_waits)
        {
            sb.Append(line).Append('\n');
            foreach (var w in _waits.Where(w => (_stdout.ToString() + _stderr).Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                w.Seen.TrySetResult();
                _waits.Remove(w);
            }
        }
    }

    /// <summary>Completes when <paramref name="text"/> has appeared on stdout or stderr; fails if the program exits first.</summary>
    public async Task WaitForAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waits)
        {
            if ((_stdout.ToString() + _stderr).Contains(text, StringComparison.Ordinal)) return;
            _waits.Add((text, seen));
        }
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(seen.Task, exited) == exited && !seen.Task.IsCompleted)
        {
            await Task.Delay(100); // let the last output lines arrive
            lock (_waits) if ((_stdout.ToString() + _stderr).Contains(text, StringComparison.Ordinal)) return;
            throw new InvalidOperationException($"exited ({_process.ExitCode}) before printing \"{text}\"\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) _process.Kill(true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
