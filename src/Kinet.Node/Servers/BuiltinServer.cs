// What every built-in program shares: its listeners, Go's log line format on stderr, exiting once (closing every
// socket first, as a dead process's sockets close) and the default signal disposition (death by signal, 128+n).
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Kinet.Node.Servers.Go;
using Kinet.Node.Servers.Net;

namespace Kinet.Node.Servers;

public abstract class BuiltinServer : IBuiltinServer
{
    private readonly List<IAsyncDisposable> _loops = [];
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;

    protected BuiltinServer(IServerContext context) => Context = context;

    protected IServerContext Context { get; }
    /// <summary>Cancelled when the program exits or is killed.</summary>
    protected CancellationToken Stopping => _stopping.Token;
    public Task<int> Exited => _exited.Task;

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await StartCoreAsync(ct);
        }
        catch (SocketException e)
        {
            // The program's listen call failed: Go's log.Fatal prints the error and exits 1.
            Fatal(ListenError(e));
        }
    }

    /// <summary>Binds (through <see cref="Listen"/>) and starts the program's loops.</summary>
    protected abstract Task StartCoreAsync(CancellationToken ct);

    /// <summary>Go's default for signals a program does not handle: it dies of them (exit code 128 + signal).</summary>
    public virtual void Signal(PosixSignal signal) => Exit(128 + SignalNumber(signal));

    /// <summary>The one line Go's log package prints for a listen failure; servers may override it for their wording.</summary>
    protected virtual string ListenError(SocketException e) => $"listen: {GoErrors.Errno(e)}";

    protected T Track<T>(T loop) where T : IAsyncDisposable
    {
        lock (_loops) _loops.Add(loop);
        if (Volatile.Read(ref _stopped) != 0) _ = loop.DisposeAsync(); // bound after the program already exited
        return loop;
    }

    /// <summary>Binds through <paramref name="bind"/>; when that fails the program dies as Go's log.Fatal does, with
    /// <paramref name="fatal"/>'s wording of the error, and null is returned.</summary>
    protected T? BindOrDie<T>(Func<T> bind, Func<SocketException, string> fatal) where T : class, IAsyncDisposable
    {
        try
        {
            return Track(bind());
        }
        catch (SocketException e)
        {
            Fatal(fatal(e));
            return null;
        }
    }

    /// <summary>Go's log.Printf: a dated line on stderr.</summary>
    protected void Log(string message)
    {
        foreach (var line in message.TrimEnd('\n').Split('\n'))
            Context.Log(ContainerStream.Stderr, GoLog.Prefix(Context.Time.GetUtcNow()) + line);
    }

    /// <summary>fmt.Println: a plain line on stdout.</summary>
    protected void Print(string line) => Context.Log(ContainerStream.Stdout, line);

    /// <summary>log.Fatal: the line, then exit 1.</summary>
    protected void Fatal(string message)
    {
        Log(message);
        Exit(1);
    }

    /// <summary>os.Exit: sockets close now, then the daemon hears the exit code. Only the first exit counts.</summary>
    protected void Exit(int code)
    {
        if (!StopOnce()) return;
        _ = CloseLoopsAsync().ContinueWith(_ =>
        {
            Context.RequestExit(code);
            _exited.TrySetResult(code);
        }, TaskScheduler.Default);
    }

    /// <summary>SIGKILL: every socket closes; <see cref="Exited"/> completes with 137 unless the program had already
    /// exited. The context's RequestExit is not called: the caller killed it and knows.</summary>
    public async ValueTask DisposeAsync()
    {
        StopOnce();
        await CloseLoopsAsync();
        _exited.TrySetResult(137);
        GC.SuppressFinalize(this);
    }

    private bool StopOnce()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return false;
        _stopping.Cancel();
        return true;
    }

    private async Task CloseLoopsAsync()
    {
        IAsyncDisposable[] loops;
        lock (_loops) loops = [.. _loops];
        foreach (var loop in loops) await loop.DisposeAsync();
    }

    internal static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal > 0 ? (int)signal : 15,
    };
}
