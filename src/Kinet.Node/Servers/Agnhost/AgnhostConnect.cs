// agnhost connect <host>:<port>: one connection attempt whose outcome the NetworkPolicy e2e tests read from the exit
// code and the first word on stderr: nothing and 0 when it connects, else TIMEOUT, REFUSED, DNS, UNKNOWN or OTHER
// and 1. It runs as a real short-lived process inside the pod, so it dials with plain sockets.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinet.Node.Servers.Go;
using Kinet.Node.Servers.Responder;

namespace Kinet.Node.Servers.Agnhost;

internal static class AgnhostConnect
{
    public static async Task<int> RunAsync(ParsedFlags flags, TextWriter stderr, CancellationToken ct)
    {
        var dest = flags.Positional[0];
        var timeout = flags.Duration("timeout");
        var protocol = flags.String("protocol");
        switch (protocol)
        {
            case "" or "tcp": return await TcpAsync(dest, timeout, stderr, ct);
            case "udp": return await UdpAsync(dest, timeout, flags.String("udp-data"), stderr, ct);
            case "sctp": return await SctpAsync(dest, timeout, flags.String("sctp-data"), stderr, ct);
            default:
                await stderr.WriteAsync("Unsupported protocol\n" + protocol);
                return 1;
        }
    }

    private static async Task<int> TcpAsync(string dest, TimeSpan timeout, TextWriter stderr, CancellationToken ct)
    {
        if (SplitHostPort(dest) is not { } hostPort) return await FailAsync(stderr, $"UNKNOWN: address {dest}: missing port in address");
        if (await ResolveAsync(hostPort.Host, hostPort.Port, "tcp", ct) is not { } target)
            return await FailAsync(stderr, $"DNS: lookup {hostPort.Host}: no such host");
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = Deadline(timeout, ct);
        try
        {
            await socket.ConnectAsync(target, deadline.Token);
            return 0;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await FailAsync(stderr, "TIMEOUT");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return await FailAsync(stderr, "REFUSED");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            return await FailAsync(stderr, "TIMEOUT");
        }
        catch (SocketException e)
        {
            return await FailAsync(stderr, $"OTHER: dial tcp {GoErrors.Address(target)}: connect: {GoErrors.Errno(e)}");
        }
    }

    private static async Task<int> UdpAsync(string dest, TimeSpan timeout, string data, TextWriter stderr, CancellationToken ct)
    {
        if (SplitHostPort(dest) is not { } hostPort || await ResolveAsync(hostPort.Host, hostPort.Port, "udp", ct) is not { } target)
            return await FailAsync(stderr, $"DNS: lookup {dest}: no such host");
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(target, ct);
        }
        catch (SocketException e)
        {
            return await FailAsync(stderr, $"OTHER: dial udp {GoErrors.Address(target)}: {GoErrors.Errno(e)}");
        }
        var flow = $"udp {GoErrors.Address(socket.LocalEndPoint)}->{GoErrors.Address(target)}";
        using var deadline = Deadline(timeout, ct);
        string stage = "write";
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(data + "\n"), SocketFlags.None, deadline.Token);
            stage = "read";
            var n = await socket.ReceiveAsync(new byte[1024], SocketFlags.None, deadline.Token);
            if (n == 0)
                return await FailAsync(stderr, "OTHER: No data received from the server. Cannot guarantee the server received the request.");
            return 0;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await FailAsync(stderr, $"TIMEOUT: {stage} {flow}: i/o timeout");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return await FailAsync(stderr, $"REFUSED: {stage} {flow}: {stage}: connection refused");
        }
        catch (SocketException e)
        {
            return await FailAsync(stderr, $"UNKNOWN: {stage} {flow}: {stage}: {GoErrors.Errno(e)}");
        }
    }

    private static async Task<int> SctpAsync(string dest, TimeSpan timeout, string data, TextWriter stderr, CancellationToken ct)
    {
        if (SplitHostPort(dest) is not { } hostPort || await ResolveAsync(hostPort.Host, hostPort.Port, "sctp", ct) is not { } target)
            return await FailAsync(stderr, $"DNS: lookup {dest}: no such host");
        using var deadline = Deadline(timeout, ct);
        try
        {
            using var socket = new Socket(target.AddressFamily, SocketType.Stream, BuiltinResponder.SctpProtocol);
            await socket.ConnectAsync(target, deadline.Token);
            await socket.SendAsync(Encoding.UTF8.GetBytes(data + "\n"), SocketFlags.None, deadline.Token);
            await socket.ReceiveAsync(new byte[1024], SocketFlags.None, deadline.Token);
            return 0;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await FailAsync(stderr, "TIMEOUT");
        }
        catch (SocketException e)
        {
            return await FailAsync(stderr, $"OTHER: {GoErrors.Errno(e)}");
        }
    }

    /// <summary>A timeout of 0 means none, as with Go's DialTimeout.</summary>
    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout > TimeSpan.Zero) cts.CancelAfter(timeout);
        return cts;
    }

    private static async Task<int> FailAsync(TextWriter stderr, string line)
    {
        await stderr.WriteAsync(line + "\n");
        await stderr.FlushAsync();
        return 1;
    }

    /// <summary>net.SplitHostPort: "host:port" or "[v6]:port".</summary>
    internal static (string Host, string Port)? SplitHostPort(string dest)
    {
        if (dest.StartsWith('['))
        {
            var close = dest.IndexOf("]:", StringComparison.Ordinal);
            return close < 0 ? null : (dest[1..close], dest[(close + 2)..]);
        }
        var colon = dest.LastIndexOf(':');
        if (colon < 0 || dest.IndexOf(':') != colon) return null;
        return (dest[..colon], dest[(colon + 1)..]);
    }

    private static async Task<IPEndPoint?> ResolveAsync(string host, string port, string network, CancellationToken ct)
    {
        if (!int.TryParse(port.Length == 0 ? "0" : port, out var number) || number is < 0 or > 65535) return null;
        if (host.Length == 0) return new IPEndPoint(IPAddress.Loopback, number);
        if (IPAddress.TryParse(host, out var literal)) return new IPEndPoint(literal, number);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, ct);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return address is null ? null : new IPEndPoint(address, number);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
