// Reads one output descriptor of a container or exec (a pipe, or a pty master) on the reactor thread and hands every
// chunk to its sinks: the CRI log writer and whoever is attached. Ends on EOF (or EIO, which is how a pty master says
// that every slave is closed), then tells the sinks and closes the descriptor.
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

internal sealed unsafe class OutputPump
{
    /// <summary>Receives a container's output; called on the reactor thread, must not block.</summary>
    public interface ISink
    {
        void Write(ReadOnlySpan<byte> data);
        void Complete();
    }

    private readonly int _fd;
    private readonly long _token;
    private readonly object _gate = new();
    private ISink[] _sinks;
    private bool _done;
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    [ThreadStatic] private static byte[]? t_buffer;

    public OutputPump(int fd, params ISink[] sinks)
    {
        _fd = fd;
        _sinks = sinks;
        ProcessNative.SetNonBlocking(fd);
        _token = ProcessReactor.Shared.NewToken();
        ProcessReactor.Shared.Add(fd, ProcessNative.EPOLLIN, _token, _ => ReadOnce());
    }

    /// <summary>Completes once the pump has seen the end of its output.</summary>
    public Task Completed => _completed.Task;

    /// <summary>Adds a sink fed from now on; false when the output has already ended.</summary>
    public bool Subscribe(ISink sink)
    {
        lock (_gate)
        {
            if (_done) return false;
            _sinks = [.. _sinks, sink];
            return true;
        }
    }

    public void Unsubscribe(ISink sink)
    {
        lock (_gate) _sinks = Array.FindAll(_sinks, s => !ReferenceEquals(s, sink));
    }

    /// <summary>Reads everything that is buffered now (reactor thread only): after the writer exited, this takes the
    /// output it left in the pipe before anyone is told that it exited.</summary>
    public void Drain()
    {
        for (var i = 0; i < 64 && !_done; i++)
            if (!ReadOnce()) break;
    }

    private bool ReadOnce()
    {
        if (_done) return false;
        var buffer = t_buffer ??= new byte[65536];
        nint n;
        fixed (byte* p = buffer) n = ProcessNative.read(_fd, p, buffer.Length);
        if (n > 0)
        {
            var data = new ReadOnlySpan<byte>(buffer, 0, (int)n);
            foreach (var sink in Volatile.Read(ref _sinks)) sink.Write(data);
            return true;
        }
        if (n < 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno is ProcessNative.EAGAIN or ProcessNative.EINTR) return false;
        }
        Finish();
        return false;
    }

    private void Finish()
    {
        ISink[] sinks;
        lock (_gate) { _done = true; sinks = _sinks; }
        ProcessReactor.Shared.Remove(_fd, _token);
        ProcessNative.close(_fd);
        foreach (var sink in sinks) sink.Complete();
        _completed.TrySetResult();
    }
}
