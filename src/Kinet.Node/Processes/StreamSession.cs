// A client's view of a running process's stdio, for `kubectl attach` (the container's main process) and `kubectl exec`
// (ExecSession): Stdin (null unless asked for), Stdout, Stderr (null with a tty: a terminal has one stream), the exit
// code, window resizes, and closing stdin. Output is fed from the moment the session opens.
namespace Kinet.Node.Processes;

public class StreamSession : IAsyncDisposable
{
    private readonly Action<ushort, ushort>? _resize;
    private readonly Action? _closeStdin;
    private readonly Func<ValueTask>? _dispose;

    internal StreamSession(Stream? stdin, Stream stdout, Stream? stderr, Task<int> exitCode, Action<ushort, ushort>? resize, Action? closeStdin, Func<ValueTask>? dispose)
    {
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        ExitCode = exitCode;
        _resize = resize;
        _closeStdin = closeStdin;
        _dispose = dispose;
    }

    public Stream? Stdin { get; }
    public Stream Stdout { get; }
    public Stream? Stderr { get; }
    public Task<int> ExitCode { get; }

    /// <summary>Sets the terminal size (TIOCSWINSZ on the master); a no-op without a tty.</summary>
    public void Resize(ushort cols, ushort rows) => _resize?.Invoke(cols, rows);

    /// <summary>Ends the process's input (EOF on a pipe; on a tty, the terminal's EOF character).</summary>
    public void CloseStdin() => _closeStdin?.Invoke();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _dispose?.Invoke() ?? ValueTask.CompletedTask;
    }
}
