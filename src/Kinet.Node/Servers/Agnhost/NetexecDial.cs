// One attempt of netexec's /dial: an HTTP GET, or a UDP/SCTP request and its answer, each bounded by upstream's 5 s;
// failures carry Go's error text, which /dial returns in "errors".
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinet.Node.Servers.Go;
using Kinet.Node.Servers.Http;
using Kinet.Node.Servers.Responder;

namespace Kinet.Node.Servers.Agnhost;

internal static class NetexecDial
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>net.Resolve{TCP,UDP,SCTP}Addr(host:port), via the context's resolver (the pod's DNS).</summary>
    public static async Task<IPEndPoint> ResolveAsync(IServerContext context, string network, string host, string port, CancellationToken ct)
    {
        if (!int.TryParse(port.Length == 0 ? "0" : port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber > 65535)
            throw new DialException($"lookup {network}/{port}: unknown port");
        if (host.Length == 0) return new IPEndPoint(IPAddress.Loopback, portNumber);
        IPAddress[] addresses;
        try
        {
            addresses = await context.ResolveAsync(host, ct);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        return address is null ? throw new DialException($"lookup {host}: no such host") : new IPEndPoint(address, portNumber);
    }

    public static Task<string> OnceAsync(IServerContext context, string network, string request, IPEndPoint target, CancellationToken ct) => network switch
    {
        "tcp" => HttpDial.GetAsync(context, target, request, Timeout, ct),
        "udp" => DatagramAsync(context, request, target, ct),
        _ => SctpAsync(context, request, target, ct),
    };

    private static async Task<string> DatagramAsync(IServerContext context, string request, IPEndPoint target, CancellationToken ct)
    {
        using var socket = context.DialSocketFactory(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(target, ct);
        }
        catch (SocketException e)
        {
            throw new DialException($"udp dial failed. err:dial udp {GoErrors.Address(target)}: {GoErrors.Errno(e)}");
        }
        var flow = $"udp {GoErrors.Address(socket.LocalEndPoint)}->{GoErrors.Address(target)}";
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(request), SocketFlags.None, ct);
        }
        catch (SocketException e)
        {
            throw new DialException($"udp connection write failed. err:write {flow}: write: {GoErrors.Errno(e)}");
        }
        var answer = new byte[2048];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            var n = await socket.ReceiveAsync(answer, SocketFlags.None, deadline.Token);
            if (n == 0) throw new DialException("reading from udp connection failed. err:'<nil>'");
            return Encoding.UTF8.GetString(answer, 0, n);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DialException($"reading from udp connection failed. err:'read {flow}: i/o timeout'");
        }
        catch (SocketException e)
        {
            throw new DialException($"reading from udp connection failed. err:'read {flow}: read: {GoErrors.Errno(e)}'");
        }
    }

    private static async Task<string> SctpAsync(IServerContext context, string request, IPEndPoint target, CancellationToken ct)
    {
        Socket socket;
        try
        {
            socket = context.DialSocketFactory(target.AddressFamily, SocketType.Stream, BuiltinResponder.SctpProtocol);
        }
        catch (SocketException e)
        {
            throw new DialException($"sctp dial failed. err:socket: {GoErrors.Errno(e)}");
        }
        using (socket)
        {
            try
            {
                await socket.ConnectAsync(target, ct);
                await socket.SendAsync(Encoding.UTF8.GetBytes(request), SocketFlags.None, ct);
            }
            catch (SocketException e)
            {
                throw new DialException($"sctp dial failed. err:{GoErrors.Errno(e)}");
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Timeout);
            var answer = new byte[1024];
            try
            {
                var n = await socket.ReceiveAsync(answer, SocketFlags.None, deadline.Token);
                if (n == 0) throw new DialException("reading from sctp connection failed. err:'EOF'");
                return Encoding.UTF8.GetString(answer, 0, n);
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                throw new DialException($"reading from sctp connection failed. err:'{(e is SocketException se ? GoErrors.Errno(se) : "i/o timeout")}'");
            }
        }
    }
}
