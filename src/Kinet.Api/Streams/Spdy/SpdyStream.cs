// One SPDY stream the client opened: its headers, the data it sends (a readable stream that ends at its FIN or reset), and
// how this side answers (reply, data, FIN, reset).
using System.IO.Pipelines;

namespace Kinet.Api.Streams.Spdy;

internal sealed class SpdyStream
{
    private readonly SpdyConnection _connection;
    private readonly Pipe _incoming = new(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
    private readonly TaskCompletionSource _remoteClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reset = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _localClosed;

    internal SpdyStream(SpdyConnection connection, int id, IReadOnlyDictionary<string, string> headers)
    {
        _connection = connection;
        Id = id;
        Headers = headers;
        Input = _incoming.Reader.AsStream();
    }

    public int Id { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>What the client sends on this stream; reads 0 after its FIN or a reset.</summary>
    public Stream Input { get; }

    /// <summary>Completes when the client has finished (FIN) or reset the stream.</summary>
    public Task RemoteClosed => _remoteClosed.Task;

    /// <summary>Completes when the client resets the stream or the connection ends.</summary>
    public Task Reset => _reset.Task;

    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";

    public Task ReplyAsync(CancellationToken ct = default) => _connection.SendReplyAsync(Id, ct);

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        Volatile.Read(ref _localClosed) == 1 ? Task.CompletedTask : _connection.SendDataAsync(Id, data, fin: false, ct);

    /// <summary>Half-closes: sends FIN once.</summary>
    public async Task CloseAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _localClosed, 1) == 1) return;
        await _connection.SendDataAsync(Id, ReadOnlyMemory<byte>.Empty, fin: true, ct);
        if (_remoteClosed.Task.IsCompleted) _connection.Forget(Id);
    }

    public Task ResetAsync(int status, CancellationToken ct = default)
    {
        Interlocked.Exchange(ref _localClosed, 1);
        EndInput(reset: true);
        _connection.Forget(Id);
        return _connection.SendResetAsync(Id, status, ct);
    }

    internal async ValueTask ReceiveAsync(ReadOnlyMemory<byte> data, bool fin)
    {
        if (data.Length > 0 && !_remoteClosed.Task.IsCompleted) await _incoming.Writer.WriteAsync(data);
        if (!fin) return;
        EndInput(reset: false);
        if (Volatile.Read(ref _localClosed) == 1) _connection.Forget(Id);
    }

    internal void EndInput(bool reset)
    {
        if (reset) _reset.TrySetResult();
        if (_remoteClosed.TrySetResult()) _incoming.Writer.Complete();
    }
}
