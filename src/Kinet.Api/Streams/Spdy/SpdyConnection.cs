// The server side of a SPDY/3.1 connection as kubectl's spdystream speaks it: streams are opened by the client only;
// every header block goes through one zlib stream per direction; PING is echoed; there is no flow control (spdystream
// ignores WINDOW_UPDATE and SETTINGS). Each frame is written with one write, so a frame never straddles two WebSocket
// messages when the connection is tunnelled (spdystream's header reader needs a frame's bytes together).
using System.Buffers.Binary;
using System.Threading.Channels;
using Kinet.Api.Streams.Zlib;

namespace Kinet.Api.Streams.Spdy;

internal sealed class SpdyConnection(Stream transport) : IAsyncDisposable
{
    private const int MaxDataFrame = 16 * 1024 - 8;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly StoredDeflater _compressor = HeaderBlock.NewCompressor();
    private readonly ZlibInflater _decompressor = HeaderBlock.NewDecompressor();
    private readonly Dictionary<int, SpdyStream> _streams = [];
    private readonly Channel<SpdyStream> _opened = Channel.CreateUnbounded<SpdyStream>();
    private int _closed;
    private int _lastStreamId;

    /// <summary>Streams as the client opens them; completes when the connection ends.</summary>
    public ChannelReader<SpdyStream> Opened => _opened.Reader;

    /// <summary>Reads frames until the client closes the connection or says GOAWAY, or <paramref name="ct"/> ends.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var header = new byte[8];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try { await transport.ReadExactlyAsync(header, ct); }
                catch (EndOfStreamException) { break; }
                var length = header[5] << 16 | header[6] << 8 | header[7];
                var flags = header[4];
                var payload = new byte[length];
                await transport.ReadExactlyAsync(payload, ct);
                if ((header[0] & 0x80) == 0)
                {
                    var id = (int)(BinaryPrimitives.ReadUInt32BigEndian(header) & 0x7fffffff);
                    SpdyStream? s;
                    lock (_streams) _streams.TryGetValue(id, out s);
                    if (s is not null) await s.ReceiveAsync(payload, (flags & SpdyFrameType.FlagFin) != 0);
                    continue;
                }
                var type = header[2] << 8 | header[3];
                if (!await ControlAsync(type, flags, payload, ct)) break;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidDataException
                                      or System.Net.WebSockets.WebSocketException)
        {
        }
        finally
        {
            Interlocked.Exchange(ref _closed, 1);
            _opened.Writer.TryComplete();
            List<SpdyStream> all;
            lock (_streams) all = [.. _streams.Values];
            foreach (var s in all) s.EndInput(reset: true);
        }
    }

    private async Task<bool> ControlAsync(int type, byte flags, byte[] payload, CancellationToken ct)
    {
        switch (type)
        {
            case SpdyFrameType.SynStream:
            {
                var id = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff);
                var headers = HeaderBlock.Decode(_decompressor.Inflate(payload.AsSpan(10)));
                var s = new SpdyStream(this, id, headers);
                lock (_streams)
                {
                    _streams[id] = s;
                    _lastStreamId = Math.Max(_lastStreamId, id);
                }
                if ((flags & SpdyFrameType.FlagFin) != 0) s.EndInput(reset: false);
                await _opened.Writer.WriteAsync(s, ct);
                return true;
            }
            case SpdyFrameType.SynReply or SpdyFrameType.Headers:
                _decompressor.Inflate(payload.AsSpan(4)); // keeps the zlib stream in step
                return true;
            case SpdyFrameType.RstStream:
            {
                var id = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fffffff);
                SpdyStream? s;
                lock (_streams) _streams.Remove(id, out s);
                s?.EndInput(reset: true);
                return true;
            }
            case SpdyFrameType.Ping:
                await WriteFrameAsync(Control(SpdyFrameType.Ping, 0, payload), ct);
                return true;
            case SpdyFrameType.GoAway:
                return false;
            default: // SETTINGS, WINDOW_UPDATE, NOOP: nothing to do
                return true;
        }
    }

    /// <summary>Drops a stream both sides have finished, so a long port-forward does not pile them up.</summary>
    internal void Forget(int id)
    {
        lock (_streams) _streams.Remove(id);
    }

    internal async Task SendReplyAsync(int id, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            // Compressing inside the lock keeps the zlib stream in the order the frames go out.
            var block = _compressor.Deflate(HeaderBlock.Encode([]));
            var payload = new byte[4 + block.Length];
            BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)id);
            block.CopyTo(payload, 4);
            await WriteLockedAsync(Control(SpdyFrameType.SynReply, 0, payload), ct);
        }
        finally { _writeLock.Release(); }
    }

    internal async Task SendDataAsync(int id, ReadOnlyMemory<byte> data, bool fin, CancellationToken ct)
    {
        do
        {
            var n = Math.Min(data.Length, MaxDataFrame);
            var last = n == data.Length;
            var frame = new byte[8 + n];
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)id & 0x7fffffff);
            frame[4] = fin && last ? SpdyFrameType.FlagFin : (byte)0;
            frame[5] = (byte)(n >> 16);
            frame[6] = (byte)(n >> 8);
            frame[7] = (byte)n;
            data.Span[..n].CopyTo(frame.AsSpan(8));
            await WriteFrameAsync(frame, ct);
            data = data[n..];
        } while (data.Length > 0);
    }

    internal Task SendResetAsync(int id, int status, CancellationToken ct)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)id);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), (uint)status);
        return WriteFrameAsync(Control(SpdyFrameType.RstStream, 0, payload), ct);
    }

    /// <summary>Says goodbye (GOAWAY, last stream id, status OK).</summary>
    public Task SendGoAwayAsync(CancellationToken ct)
    {
        int last;
        lock (_streams) last = _lastStreamId;
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)last);
        return WriteFrameAsync(Control(SpdyFrameType.GoAway, 0, payload), ct);
    }

    internal static byte[] Control(int type, byte flags, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = 0x80;
        frame[1] = 3;
        frame[2] = (byte)(type >> 8);
        frame[3] = (byte)type;
        frame[4] = flags;
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame.AsSpan(8));
        return frame;
    }

    private async Task WriteFrameAsync(byte[] frame, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try { await WriteLockedAsync(frame, ct); }
        finally { _writeLock.Release(); }
    }

    private async Task WriteLockedAsync(byte[] frame, CancellationToken ct)
    {
        if (Volatile.Read(ref _closed) == 1) return;
        try
        {
            await transport.WriteAsync(frame, ct);
            await transport.FlushAsync(ct);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
        {
            Interlocked.Exchange(ref _closed, 1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _closed, 1);
        await transport.DisposeAsync();
        _writeLock.Dispose();
    }
}
