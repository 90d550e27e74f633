// Reads one request head (request line and header fields) and its body framing the way Go's net/http server does,
// including its refusals: a malformed head becomes the 4xx/5xx Go would send, never an exception for the caller.
using System.Globalization;
using System.Net;
using Kinet.Node.Servers.Net;

namespace Kinet.Node.Servers.Http;

internal static class HttpHeadReader
{
    /// <summary>Go's http.DefaultMaxHeaderBytes (1 MiB) plus its 4 KiB slack.</summary>
    public const int MaxHeadBytes = (1 << 20) + 4096;

    /// <summary>A request whose body (if any) is still on the wire, with its framing.</summary>
    public sealed record Head(HttpRequest Request, long ContentLength, bool Chunked, bool ExpectContinue);

    /// <summary>The head, or null at a clean end of stream; throws <see cref="HttpRefusal"/> for a bad request.</summary>
    public static async ValueTask<Head?> ReadAsync(SocketReader reader, CancellationToken ct)
    {
        var budget = MaxHeadBytes;
        string? line;
        try
        {
            do
            {
                line = await reader.ReadLineAsync(budget, ct);
                if (line is null) return null;
            } while (line.Length == 0); // stray CRLFs between pipelined requests
            budget -= line.Length;

            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[1].Length == 0) throw new HttpRefusal(400, null);
            var (method, target, version) = (parts[0], parts[1], parts[2]);
            if (method.Length == 0 || !method.All(IsTokenChar)) throw new HttpRefusal(400, "invalid method");
            if (!version.StartsWith("HTTP/", StringComparison.Ordinal) || version.Length != 8 || version[6] != '.'
                || !char.IsAsciiDigit(version[5]) || !char.IsAsciiDigit(version[7])) throw new HttpRefusal(400, null);
            if (version[5] != '1') throw new HttpRefusal(505, "unsupported protocol version");

            var headers = new List<KeyValuePair<string, string>>();
            while (true)
            {
                if (budget <= 0) throw new HttpRefusal(431, null);
                line = await reader.ReadLineAsync(budget, ct) ?? throw new EndOfStreamException();
                budget -= line.Length + 2;
                if (line.Length == 0) break;
                var colon = line.IndexOf(':');
                if (colon <= 0 || !line[..colon].All(IsTokenChar)) throw new HttpRefusal(400, null); // also obs-fold
                headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
            }

            var http11 = version == "HTTP/1.1" || version[7] > '1';
            if (http11 && !headers.Any(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)) && method != "CONNECT")
                throw new HttpRefusal(400, "missing required Host header");
            var (path, query) = SplitTarget(target) ?? throw new HttpRefusal(400, null);
            var connection = string.Join(",", headers.Where(h => h.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
            var keepAlive = http11
                ? !HasToken(connection, "close")
                : HasToken(connection, "keep-alive");
            var request = new HttpRequest
            {
                Method = method, Target = target, Path = path, RawQuery = query, Version = version, Headers = headers, KeepAlive = keepAlive,
                RemoteEndPoint = (IPEndPoint)reader.Socket.RemoteEndPoint!, LocalEndPoint = (IPEndPoint)reader.Socket.LocalEndPoint!,
            };
            var (length, chunked) = Framing(headers);
            var expect = headers.Any(h => h.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase)
                && h.Value.Equals("100-continue", StringComparison.OrdinalIgnoreCase));
            return new Head(request, length, chunked, expect);
        }
        catch (LineTooLongException)
        {
            throw new HttpRefusal(431, null);
        }
    }

    /// <summary>Reads and drops the body so the next request on the connection starts where it should.</summary>
    public static async ValueTask SkipBodyAsync(SocketReader reader, Head head, CancellationToken ct)
    {
        try
        {
            await SkipFramedBodyAsync(reader, head, ct);
        }
        catch (LineTooLongException)
        {
            throw new HttpRefusal(400, null); // a chunk-size or trailer line beyond reason
        }
    }

    private static async ValueTask SkipFramedBodyAsync(SocketReader reader, Head head, CancellationToken ct)
    {
        if (!head.Chunked)
        {
            await reader.SkipAsync(head.ContentLength, ct);
            return;
        }
        while (true)
        {
            var sizeLine = await reader.ReadLineAsync(4096, ct) ?? throw new EndOfStreamException();
            var semi = sizeLine.IndexOf(';');
            if (!long.TryParse(semi >= 0 ? sizeLine[..semi].Trim() : sizeLine.Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                throw new HttpRefusal(400, null);
            if (size == 0)
            {
                while ((await reader.ReadLineAsync(4096, ct) ?? throw new EndOfStreamException()).Length > 0) { } // trailers
                return;
            }
            await reader.SkipAsync(size, ct);
            if ((await reader.ReadLineAsync(4096, ct))?.Length != 0) throw new HttpRefusal(400, null);
        }
    }

    private static (long Length, bool Chunked) Framing(List<KeyValuePair<string, string>> headers)
    {
        var te = headers.Where(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        if (te.Count > 0)
        {
            if (te.Count != 1 || !te[0].Equals("chunked", StringComparison.OrdinalIgnoreCase)) throw new HttpRefusal(501, "unsupported transfer encoding");
            return (0, true);
        }
        var lengths = headers.Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).Distinct().ToList();
        if (lengths.Count == 0) return (0, false);
        if (lengths.Count > 1 || !long.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            throw new HttpRefusal(400, null);
        return (length, false);
    }

    /// <summary>Origin form ("/p?q"), absolute form ("http://h/p?q") or "*"; null for anything else.</summary>
    private static (string Path, string Query)? SplitTarget(string target)
    {
        var rest = target;
        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var afterScheme = rest.IndexOf("//", StringComparison.Ordinal) + 2;
            var slash = rest.IndexOfAny(['/', '?'], afterScheme);
            rest = slash < 0 ? "/" : rest[slash] == '?' ? "/" + rest[slash..] : rest[slash..];
        }
        if (rest == "*") return ("*", "");
        if (!rest.StartsWith('/')) return null;
        var q = rest.IndexOf('?');
        var path = QueryString.Unescape(q >= 0 ? rest[..q] : rest, plusIsSpace: false);
        return path is null ? null : (path, q >= 0 ? rest[(q + 1)..] : "");
    }

    private static bool HasToken(string list, string token) =>
        list.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}

/// <summary>A request Go's server refuses before any handler runs: the status and the text Go adds to it.</summary>
internal sealed class HttpRefusal(int status, string? detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? Detail { get; } = detail;
}
