// Decides from a connection's first bytes whether the client speaks HTTP/1.x: a known method, a space, a target and
// " HTTP/1.x" ending the first line. Bytes that cannot begin such a line decide "not HTTP" at once, so an echo client
// never waits; a possible prefix waits for more.
using System.Text;

namespace Kinet.Node.Servers.Responder;

internal enum Sniffed { NeedMore, Http, Other }

internal static class ProtocolSniffer
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT"];

    /// <summary>Longest first line we wait for before calling the stream "not HTTP".</summary>
    public const int MaxRequestLine = 8192;

    public static Sniffed Sniff(ReadOnlySpan<byte> data)
    {
        var space = data.IndexOf((byte)' ');
        var methodPart = space >= 0 ? data[..space] : data;
        var method = Encoding.ASCII.GetString(methodPart);
        if (space < 0) return Methods.Any(m => m.StartsWith(method, StringComparison.Ordinal)) && method.Length < 8 ? Sniffed.NeedMore : Sniffed.Other;
        if (!Methods.Contains(method)) return Sniffed.Other;
        var newline = data.IndexOf((byte)'\n');
        if (newline < 0) return data.Length >= MaxRequestLine ? Sniffed.Other : Sniffed.NeedMore;
        var line = Encoding.Latin1.GetString(data[..newline]).TrimEnd('\r');
        return line.Split(' ') is [_, { Length: > 0 }, ['H', 'T', 'T', 'P', '/', '1', '.', _]] ? Sniffed.Http : Sniffed.Other;
    }
}
