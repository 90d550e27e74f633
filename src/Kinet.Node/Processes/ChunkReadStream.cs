// The read side of a stream session (stdout/stderr of an exec or attach): chunks pushed by the reactor into an
// unbounded channel and read asynchronously by the API's stream code. Unbounded because the reactor must never wait;
// the API side reads continuously while a session is open.
using System.Threading.Channels;

namespace Kinet.Node.Processes;

internal sealed class ChunkReadStream : Stream, OutputPump.ISink
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private ReadOnlyMemory<byte> _current;

    public override void Write(ReadOnlySpan<byte> data) => _chunks.Writer.TryWrite(data.ToArray());

    public void Complete() => _chunks.Writer.TryComplete();

    public void Push(byte[] data) => _chunks.Writer.TryWrite(data);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) return 0;
            if (_chunks.Reader.TryRead(out var chunk)) _current = chunk;
        }
        var n = Math.Min(buffer.Length, _current.Length);
        _current[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
