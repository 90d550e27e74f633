// The program behind an image Kinet has no profile for: on each declared containerPort, HTTP/1.x clients get the
// pod's identity page, other TCP bytes are echoed back, UDP datagrams are echoed. SIGTERM ends it at once with 0,
// as most servers end.
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Kinet.Node.Servers.Http;
using Kinet.Node.Servers.Net;

namespace Kinet.Node.Servers.Responder;

public sealed class BuiltinResponder(IServerContext context, IReadOnlyList<ServedPort> ports) : BuiltinServer(context)
{
    protected override Task StartCoreAsync(CancellationToken ct)
    {
        foreach (var port in ports)
        {
            switch (port.Protocol)
            {
                case PortProtocol.Tcp:
                    Track(TcpListenerLoop.Start(Context, port.Port, ServeStreamAsync));
                    Log($"kinet responder: serving HTTP and echo on {port.Port}/TCP");
                    break;
                case PortProtocol.Udp:
                    Track(UdpServeLoop.Start(Context, port.Port, (data, _) => data.ToArray(), 64 * 1024));
                    Log($"kinet responder: echoing on {port.Port}/UDP");
                    break;
                case PortProtocol.Sctp:
                    try
                    {
                        Track(TcpListenerLoop.Start(Context, port.Port, EchoAsync, SctpProtocol));
                        Log($"kinet responder: echoing on {port.Port}/SCTP");
                    }
                    catch (SocketException e) when (e.SocketErrorCode is SocketError.ProtocolNotSupported or SocketError.ProtocolType or SocketError.AddressFamilyNotSupported)
                    {
                        // A kernel without SCTP: the other ports still serve, as a real server that never opened this one.
                        Log($"kinet responder: not serving {port.Port}/SCTP: {Go.GoErrors.Errno(e)}");
                    }
                    break;
            }
        }
        return Task.CompletedTask;
    }

    internal const ProtocolType SctpProtocol = (ProtocolType)132;

    public override void Signal(PosixSignal signal)
    {
        if (signal == PosixSignal.SIGTERM) Exit(0);
        else base.Signal(signal);
    }

    protected override string ListenError(SocketException e) => $"kinet responder: cannot listen: {Go.GoErrors.Errno(e)}";

    private async Task ServeStreamAsync(Socket socket, CancellationToken ct)
    {
        var reader = new SocketReader(socket);
        var verdict = Sniffed.NeedMore;
        while (verdict == Sniffed.NeedMore)
        {
            if (!await reader.FillAsync(ProtocolSniffer.MaxRequestLine, ct)) return;
            verdict = ProtocolSniffer.Sniff(reader.Buffered.Span);
        }
        if (verdict == Sniffed.Http) await HttpServerConnection.ServeAsync(reader, AnswerAsync, Context.Time, ct);
        else await EchoAsync(reader, ct);
    }

    private ValueTask<HttpReply> AnswerAsync(HttpRequest request, CancellationToken ct)
    {
        var page = IdentityPage.Render(Context, request.LocalEndPoint, request.RemoteEndPoint);
        Print($"{Go.GoErrors.Address(request.RemoteEndPoint)} \"{request.Method} {request.Target} {request.Version}\" 200");
        return ValueTask.FromResult(HttpReply.Text(page));
    }

    private Task EchoAsync(Socket socket, CancellationToken ct) => EchoAsync(new SocketReader(socket), ct);

    private static async Task EchoAsync(SocketReader reader, CancellationToken ct)
    {
        var socket = reader.Socket;
        if (reader.Count > 0) await socket.SendAsync(reader.Buffered, SocketFlags.None, ct);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0) break;
            await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct);
        }
        socket.Shutdown(SocketShutdown.Send);
    }
}
