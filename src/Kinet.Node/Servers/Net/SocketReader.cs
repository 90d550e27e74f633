// Buffered reading from a stream socket: lines for HTTP heads, counted bytes for bodies, and whatever already
// arrived for protocol sniffing and echo. The buffer grows only as far as the caller's limit.
using System.Net.Sockets;
using System.Text;

namespace Kinet.Node.Servers.Net;

internal sealed class SocketReader(Socket socket, int initialSize = 4096)
{
    private byte[] _buffer = new byte[initialSize];
    private int _start;
    private int _end;

    public Socket Socket => socket;
    public ReadOnlyMemory<byte> Buffered => _buffer.AsMemory(_start, _end - _start);
    public int Count => _end - _start;

    public void Consume(int n) => _start += n;

    /// <summary>Reads more bytes into the buffer (growing it up to <paramref name="limit"/>); false at end of stream.</summary>
    public async ValueTask<bool> FillAsync(int limit, CancellationToken ct)
    {
        if (_start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                if (_buffer.Length >= limit) throw new LineTooLongException();
                Array.Resize(ref _buffer, Math.Min(limit, _buffer.Length * 2));
            }
        }
        var n = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, ct);
        _end += n;
        return n > 0;
    }

    /// <summary>A line without its LF (and CR); null at end of stream before any byte of it.</summary>
    public async ValueTask<string?> ReadLineAsync(int limit, CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var at = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (at >= 0)
            {
                var length = at - _start;
                var line = Encoding.Latin1.GetString(_buffer, _start, length > 0 && _buffer[at - 1] == '\r' ? length - 1 : length);
                _start = at + 1;
                return line;
            }
            scanned = _end - _start;
            if (scanned >= limit) throw new LineTooLongException();
            if (!await FillAsync(limit, ct))
            {
                if (Count == 0) return null;
                throw new EndOfStreamException();
            }
        }
    }

    /// <summary>Skips <paramref name="count"/> bytes (a request body nobody reads).</summary>
    public async ValueTask SkipAsync(long count, CancellationToken ct)
    {
        while (count > 0)
        {
            if (Count == 0 && !await FillAsync(_buffer.Length, ct)) throw new EndOfStreamException();
            var n = (int)Math.Min(count, Count);
            Consume(n);
            count -= n;
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public async ValueTask<byte[]> ReadBytesAsync(int count, CancellationToken ct)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (Count == 0 && !await FillAsync(_buffer.Length, ct)) throw new EndOfStreamException();
            var n = Math.Min(count - filled, Count);
            Buffered.Span[..n].CopyTo(result.AsSpan(filled));
            Consume(n);
            filled += n;
        }
        return result;
    }
}

/// <summary>A line or head longer than allowed.</summary>
internal sealed class LineTooLongException : Exception;
