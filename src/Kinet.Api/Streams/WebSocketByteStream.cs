// A WebSocket seen as a byte stream, for SPDY tunnelled over WebSocket (`SPDY/3.1+portforward.k8s.io`): the client's
// binary messages are concatenated, message boundaries mean nothing; each write goes out as one binary message.
using System.Net.WebSockets;

namespace Kinet.Api.Streams;

internal sealed class WebSocketByteStream(WebSocket ws) : Stream
{
    private bool _ended;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (!_ended)
        {
            var r = await ws.ReceiveAsync(buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                _ended = true;
                break;
            }
            if (r.Count > 0) return r.Count;
        }
        return 0;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) =>
        ws.State is WebSocketState.Open or WebSocketState.CloseReceived
            ? ws.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, ct)
            : ValueTask.CompletedTask;

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
    public override void Flush() { }
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException) { }
        ws.Dispose();
        await base.DisposeAsync();
    }
}
