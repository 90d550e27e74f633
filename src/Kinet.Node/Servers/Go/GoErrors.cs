// Go's wording of socket errors: the lower-case strerror text ("connection refused"), and the address forms of
// net.Addr.String() ("10.0.0.1:80", "[::1]:80"), which agnhost's messages and /clientip are made of.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Node.Servers.Go;

internal static class GoErrors
{
    public static string Errno(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostUnreachable => "no route to host",
        SocketError.NetworkUnreachable => "network is unreachable",
        SocketError.ConnectionReset => "connection reset by peer",
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "cannot assign requested address",
        SocketError.AccessDenied => "permission denied",
        SocketError.TimedOut => "connection timed out",
        SocketError.ProtocolNotSupported or SocketError.ProtocolType => "protocol not supported",
        _ => LowerFirst(e.Message),
    };

    public static string Address(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => Address(ip.Address, ip.Port),
        null => "<nil>",
        _ => endPoint.ToString() ?? "",
    };

    public static string Address(IPAddress address, int port)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
    }

    private static string LowerFirst(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
