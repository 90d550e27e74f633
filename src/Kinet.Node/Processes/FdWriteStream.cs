// The stdin of a container or exec: a non-blocking write descriptor (pipe or a dup of the pty master). A full pipe
// parks the writer on the reactor (EPOLLOUT, one shot) instead of blocking a thread. Closing it is "CloseStdin".
using System.Runtime.InteropServices;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

internal sealed class FdWriteStream : Stream
{
    private int _fd;
    private readonly long _token;
    private bool _registered;
    private TaskCompletionSource? _writable;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public FdWriteStream(int fd)
    {
        _fd = fd;
        ProcessNative.SetNonBlocking(fd);
        _token = ProcessReactor.Shared.NewToken();
    }

    public bool IsClosed => Volatile.Read(ref _fd) < 0;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!buffer.IsEmpty)
            {
                var fd = Volatile.Read(ref _fd);
                if (fd < 0) throw new IOException("stdin is closed");
                var (n, errno) = WriteSome(fd, buffer.Span);
                if (n > 0) { buffer = buffer[(int)n..]; continue; }
                if (errno == ProcessNative.EINTR) continue;
                if (errno != ProcessNative.EAGAIN) throw new IOException($"write to stdin failed: errno {errno}");
                await WaitWritableAsync(fd).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally { _writeLock.Release(); }
    }

    private static unsafe (nint Written, int Errno) WriteSome(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var n = ProcessNative.write(fd, p, data.Length);
            return (n, n < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    private Task WaitWritableAsync(int fd)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writable = tcs;
        const uint events = ProcessNative.EPOLLOUT | ProcessNative.EPOLLONESHOT;
        if (_registered) ProcessReactor.Shared.Modify(fd, events, _token);
        else
        {
            ProcessReactor.Shared.Add(fd, events, _token, _ => _writable?.TrySetResult());
            _registered = true;
        }
        return tcs.Task;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            if (_registered) ProcessReactor.Shared.Remove(fd, _token);
            ProcessNative.close(fd);
            _writable?.TrySetResult();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
