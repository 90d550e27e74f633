// agnhost porter: for each SERVE_PORT_<n> / SERVE_TCP_PORT_<n> in the environment an HTTP server answering the
// variable's value, SERVE_UDP_PORT_<n> answers datagrams with it, SERVE_SCTP_PORT_<n> SCTP connections.
// SERVE_TLS_PORT_<n> is skipped with a log line: Kinet has no certificate to serve it with.
using System.Net.Sockets;
using System.Text;
using Kinet.Node.Servers.Go;
using Kinet.Node.Servers.Http;
using Kinet.Node.Servers.Net;
using Kinet.Node.Servers.Responder;

namespace Kinet.Node.Servers.Agnhost;

internal sealed class PorterServer(IServerContext context, bool jsonResponse) : BuiltinServer(context)
{
    protected override Task StartCoreAsync(CancellationToken ct)
    {
        foreach (var (key, value) in Context.Environment)
        {
            if (Port(key, "SERVE_PORT_") is { } p1) ServeHttp(p1, value);
            else if (Port(key, "SERVE_TCP_PORT_") is { } p2) ServeHttp(p2, value);
            else if (Port(key, "SERVE_UDP_PORT_") is { } p3) ServeUdp(p3, value);
            else if (Port(key, "SERVE_SCTP_PORT_") is { } p4) ServeSctp(p4, value);
            else if (Port(key, "SERVE_TLS_PORT_") is { } p5)
                Log($"kinet: porter does not serve TLS; {key} (port {p5}) is skipped");
            if (Stopping.IsCancellationRequested) break;
        }
        return Task.CompletedTask;
    }

    private static string? Port(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;

    private void ServeHttp(string port, string value)
    {
        // Upstream only logs a failed HTTP server and keeps the others running.
        if (!int.TryParse(port, out var number) || number is < 0 or > 65535)
        {
            Log($"server on port \"{port}\" failed: listen tcp: lookup tcp/{port}: unknown port");
            return;
        }
        try
        {
            Track(TcpListenerLoop.Start(Context, number, (socket, token) =>
                HttpServerConnection.ServeAsync(new SocketReader(socket), (request, _) => ValueTask.FromResult(Answer(request, value)), Context.Time, token)));
        }
        catch (SocketException e)
        {
            Log($"server on port \"{port}\" failed: listen tcp 0.0.0.0:{port}: bind: {GoErrors.Errno(e)}");
        }
    }

    private HttpReply Answer(HttpRequest request, string value)
    {
        if (!jsonResponse) return HttpReply.Text(value);
        var json = "{\"Method\":" + GoJson.String(request.Method) + ",\"Body\":" + GoJson.String(value) + "}";
        return HttpReply.Text(json) with { ContentType = "application/json" };
    }

    private void ServeUdp(string port, string value)
    {
        if (!int.TryParse(port, out var number) || number is < 0 or > 65535)
        {
            Fatal($"UDP: failed to resolve address: address {port}: invalid port");
            return;
        }
        var answer = Encoding.UTF8.GetBytes(value);
        if (BindOrDie(() => UdpServeLoop.Start(Context, number, (_, _) => answer, 16),
                e => $"UDP: failed to listen on port {port}: listen udp 0.0.0.0:{port}: bind: {GoErrors.Errno(e)}") is not null)
            Log($"Started UDP server on port {port}");
    }

    private void ServeSctp(string port, string value)
    {
        if (!int.TryParse(port, out var number) || number is < 0 or > 65535)
        {
            Fatal($"Sctp: failed to resolve address. error:address {port}: invalid port");
            return;
        }
        var answer = Encoding.UTF8.GetBytes(value);
        if (BindOrDie(() => TcpListenerLoop.Start(Context, number, async (socket, token) =>
            {
                Log("Sending response");
                await socket.SendAsync(answer, SocketFlags.None, token);
                Log("Response sent");
            }, BuiltinResponder.SctpProtocol), e => $"Failed to listen SCTP. error:{GoErrors.Errno(e)}") is not null)
            Log("Started SCTP server");
    }
}
