// HTTP/1.1 protocol upgrades done by hand on Kestrel's upgrade feature: the WebSocket handshake (RFC 6455 4.2.2, with the
// subprotocol kubectl insists on seeing echoed) and the SPDY/3.1 switch (101 with X-Stream-Protocol-Version). Doing the
// WebSocket handshake here, not through ASP.NET's middleware, keeps the rest of the API untouched.
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Kinet.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Kinet.Api.Streams;

internal static class Upgrades
{
    public const string Spdy31 = "SPDY/3.1";

    public static bool IsWebSocket(HttpRequest r) =>
        r.Method == "GET" && r.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);

    public static bool IsSpdy(HttpRequest r) =>
        r.Headers.Upgrade.ToString().Contains(Spdy31, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> WebSocketProtocols(HttpRequest r) =>
        r.Headers.SecWebSocketProtocol.SelectMany(v => (v ?? "").Split(',')).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    public static IReadOnlyList<string> SpdyProtocols(HttpRequest r) =>
        r.Headers["X-Stream-Protocol-Version"].SelectMany(v => (v ?? "").Split(',')).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    /// <summary>The first of <paramref name="supported"/> (in our order of preference) the client offers, or null.</summary>
    public static string? Pick(IReadOnlyList<string> offered, IEnumerable<string> supported) =>
        supported.FirstOrDefault(s => offered.Contains(s, StringComparer.Ordinal));

    public static async Task<WebSocket> AcceptWebSocketAsync(HttpContext http, string protocol)
    {
        var upgrade = UpgradeFeature(http);
        var key = http.Request.Headers.SecWebSocketKey.ToString();
        if (key.Length == 0) throw ApiException.BadRequest("websocket: not a websocket handshake: 'Sec-WebSocket-Key' header is missing or blank");
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        http.Response.Headers.Connection = "Upgrade";
        http.Response.Headers.Upgrade = "websocket";
        http.Response.Headers.SecWebSocketAccept = accept;
        http.Response.Headers.SecWebSocketProtocol = protocol;
        var stream = await upgrade.UpgradeAsync();
        // Pings from the client are answered by the WebSocket itself while a receive is pending; we send none of our own.
        // No SubProtocol here: .NET rejects the '/' of `SPDY/3.1+portforward.k8s.io` as a token character, and the header
        // has already gone out.
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
    }

    public static async Task<Stream> AcceptSpdyAsync(HttpContext http, string protocol)
    {
        var upgrade = UpgradeFeature(http);
        http.Response.Headers.Connection = "Upgrade";
        http.Response.Headers.Upgrade = Spdy31;
        http.Response.Headers["X-Stream-Protocol-Version"] = protocol;
        return await upgrade.UpgradeAsync();
    }

    private static IHttpUpgradeFeature UpgradeFeature(HttpContext http)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest) throw ApiException.BadRequest("Upgrade request required");
        return upgrade;
    }

    /// <summary>kube-apiserver's answer when the client offers no protocol it speaks (httpstream.Handshake).</summary>
    public static ApiException NoCommonProtocol(IReadOnlyList<string> offered, IReadOnlyList<string> supported) =>
        new(403, "Forbidden", $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(' ', offered)}], server supports [{string.Join(' ', supported)}]");
}
