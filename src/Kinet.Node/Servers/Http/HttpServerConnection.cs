// Serves HTTP/1.x on one connection as Go's net/http server does: requests in order (pipelining works), keep-alive
// by the request's version and Connection header, HEAD without a body, and Go's plain-text refusals for bad heads.
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Kinet.Node.Servers.Net;

namespace Kinet.Node.Servers.Http;

internal static class HttpServerConnection
{
    private static readonly byte[] Continue = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");

    public static async Task ServeAsync(SocketReader reader, HttpHandler handler, TimeProvider time, CancellationToken ct)
    {
        var socket = reader.Socket;
        while (!ct.IsCancellationRequested)
        {
            HttpHeadReader.Head? head;
            try
            {
                head = await HttpHeadReader.ReadAsync(reader, ct);
                if (head is null) return;
                if (head.ExpectContinue && (head.Chunked || head.ContentLength > 0)) await socket.SendAsync(Continue, SocketFlags.None, ct);
                await HttpHeadReader.SkipBodyAsync(reader, head, ct);
            }
            catch (HttpRefusal refusal)
            {
                await SendRefusalAsync(socket, refusal, ct);
                return;
            }
            catch (EndOfStreamException)
            {
                return; // the client hung up mid-request
            }

            HttpReply reply;
            try
            {
                reply = await handler(head.Request, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                reply = HttpReply.Error("Internal Server Error", 500) with { Close = true };
            }
            if (reply.Abort) return;
            var keepAlive = head.Request.KeepAlive && !reply.Close;
            await socket.SendAsync(Render(head.Request, reply, keepAlive, time.GetUtcNow()), SocketFlags.None, ct);
            reply.AfterSent?.Invoke();
            if (!keepAlive)
            {
                await CloseWriteAndLingerAsync(socket, time);
                return;
            }
        }
    }

    internal static byte[] Render(HttpRequest request, HttpReply reply, bool keepAlive, DateTimeOffset now)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(reply.Status).Append(' ').Append(reply.Reason ?? HttpStatusText.Of(reply.Status)).Append("\r\n");
        foreach (var (name, value) in reply.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (!keepAlive) head.Append("Connection: close\r\n");
        else if (request.Version == "HTTP/1.0") head.Append("Connection: keep-alive\r\n");
        var bodyAllowed = reply.Status is >= 200 and not 204 and not 304; // Go drops the body (and its length) for these
        if (bodyAllowed)
        {
            head.Append("Content-Length: ").Append(reply.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (reply.ContentType is { } type) head.Append("Content-Type: ").Append(type).Append("\r\n");
        }
        head.Append("Date: ").Append(now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        if (request.Method == "HEAD" || !bodyAllowed) return headBytes;
        var all = new byte[headBytes.Length + reply.Body.Length];
        headBytes.CopyTo(all, 0);
        reply.Body.CopyTo(all, headBytes.Length);
        return all;
    }

    /// <summary>Go's answer to a head it cannot serve: "400 Bad Request[: detail]" in the status line and the body.</summary>
    private static async Task SendRefusalAsync(Socket socket, HttpRefusal refusal, CancellationToken ct)
    {
        var status = $"{refusal.Status} {HttpStatusText.Of(refusal.Status)}" + (refusal.Detail is { } d ? ": " + d : "");
        var text = $"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n{status}";
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, ct);
        await CloseWriteAndLingerAsync(socket, TimeProvider.System);
    }

    /// <summary>
    /// Like Go's closeWriteAndWait: half-close, then read what the client still sends for a moment, because closing a
    /// socket with unread input sends a reset that can destroy the reply before the client has read it.
    /// </summary>
    private static async Task CloseWriteAndLingerAsync(Socket socket, TimeProvider time)
    {
        socket.Shutdown(SocketShutdown.Send);
        using var linger = new CancellationTokenSource(TimeSpan.FromMilliseconds(500), time);
        var sink = new byte[4096];
        try
        {
            for (var total = 0; total < 256 * 1024;)
            {
                var n = await socket.ReceiveAsync(sink, SocketFlags.None, linger.Token);
                if (n == 0) return;
                total += n;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the client kept the connection open or reset it: either way we are done
        }
    }
}
