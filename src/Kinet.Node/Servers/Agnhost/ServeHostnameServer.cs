// agnhost serve-hostname: the hostname over HTTP (default), or raw over TCP and/or UDP, on --port (9376). On SIGTERM
// it keeps serving and waits 60 s for the pod's deletion, as upstream does for the terminating-endpoint tests.
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Kinet.Node.Servers.Go;
using Kinet.Node.Servers.Http;
using Kinet.Node.Servers.Net;

namespace Kinet.Node.Servers.Agnhost;

internal sealed class ServeHostnameServer(IServerContext context, ParsedFlags flags) : BuiltinServer(context)
{
    internal static readonly TimeSpan AwaitDeletion = TimeSpan.FromSeconds(60);
    private readonly bool _tcp = flags.Bool("tcp");
    private readonly bool _udp = flags.Bool("udp");
    private readonly bool _http = flags.Bool("http");
    private readonly bool _close = flags.Bool("close");
    private readonly int _port = flags.Int("port");
    private int _terminating;

    protected override Task StartCoreAsync(CancellationToken ct)
    {
        if (_http && (_tcp || _udp))
        {
            Fatal("Can't server TCP/UDP mode and HTTP mode at the same time");
            return Task.CompletedTask;
        }
        var hostname = Encoding.UTF8.GetBytes(Context.Hostname);
        if (_tcp && BindOrDie(() => TcpListenerLoop.Start(Context, _port, async (socket, token) =>
            {
                Log($"TCP request from {GoErrors.Address(socket.RemoteEndPoint)}");
                await socket.SendAsync(hostname, SocketFlags.None, token);
            }), e => $"Error from net.Listen(): listen tcp :{_port}: bind: {GoErrors.Errno(e)}") is null)
            return Task.CompletedTask;
        if (_udp && BindOrDie(() => UdpServeLoop.Start(Context, _port, (_, client) =>
            {
                Log($"UDP request from {GoErrors.Address(client)}");
                return hostname;
            }, 16), e => $"Error from ListenUDP(): listen udp :{_port}: bind: {GoErrors.Errno(e)}") is null)
            return Task.CompletedTask;
        if (_http && BindOrDie(() => TcpListenerLoop.Start(Context, _port, (socket, token) =>
                HttpServerConnection.ServeAsync(new SocketReader(socket), Answer, Context.Time, token)),
            e => $"listen tcp :{_port}: bind: {GoErrors.Errno(e)}") is null)
            return Task.CompletedTask;
        Log($"Serving on port {_port}.");
        return Task.CompletedTask;
    }

    private ValueTask<HttpReply> Answer(HttpRequest request, CancellationToken ct)
    {
        Log($"HTTP request from {GoErrors.Address(request.RemoteEndPoint)}");
        return ValueTask.FromResult(HttpReply.Text(Context.Hostname) with { Close = _close });
    }

    public override void Signal(PosixSignal signal)
    {
        if (signal != PosixSignal.SIGTERM) { base.Signal(signal); return; }
        if (Interlocked.Exchange(ref _terminating, 1) != 0) return;
        Log("Shutting down after receiving signal: terminated.");
        Log("Awaiting pod deletion.");
        _ = Task.Delay(AwaitDeletion, Context.Time, Stopping)
            .ContinueWith(t => { if (!t.IsCanceled) Exit(0); }, TaskScheduler.Default);
    }
}
