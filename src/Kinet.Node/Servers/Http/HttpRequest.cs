// One parsed HTTP/1.x request head, as a handler sees it (Go's http.Request reduced to what the programs read).
using System.Net;

namespace Kinet.Node.Servers.Http;

internal sealed record HttpRequest
{
    public required string Method { get; init; }
    /// <summary>The request target as sent ("/echo?msg=hi").</summary>
    public required string Target { get; init; }
    /// <summary>The unescaped path ("/echo").</summary>
    public required string Path { get; init; }
    public required string RawQuery { get; init; }
    public required string Version { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
    public required IPEndPoint RemoteEndPoint { get; init; }
    public required IPEndPoint LocalEndPoint { get; init; }
    /// <summary>Whether the client wants the connection kept after this exchange (HTTP/1.1 default; 1.0 asks).</summary>
    public bool KeepAlive { get; init; }

    public string Host => Header("Host") ?? "";

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Go's r.FormValue over the query: the first value, or "".</summary>
    public string FormValue(string name) => QueryString.First(RawQuery, name) ?? "";
}
