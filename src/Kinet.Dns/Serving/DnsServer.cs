// One DNS server: UDP and TCP on the same address and port, answering from the current zone (swappable at any time).
using System.Net;
using System.Net.Sockets;

namespace Kinet.Dns.Serving;

public sealed class DnsServer : IDisposable
{
    private readonly DnsQueryHandler _handler;
    private readonly DnsUdpServer _udp;
    private readonly List<DnsUdpServer> _moreUdp = [];
    private readonly DnsTcpServer _tcp;

    private DnsServer(DnsQueryHandler handler, DnsUdpServer udp, DnsTcpServer tcp)
    {
        _handler = handler;
        _udp = udp;
        _tcp = tcp;
    }

    /// <summary>The zone answered from; setting it drops every cached response.</summary>
    public DnsZone Zone
    {
        get => _handler.Zone;
        set => _handler.Zone = value;
    }

    public IPEndPoint EndPoint => _udp.LocalEndPoint;

    /// <summary>Number of receive loops on the UDP socket when not given: one per core.</summary>
    public static int DefaultUdpLoops => Environment.ProcessorCount;

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> (0: a free port, the same for UDP and
    /// TCP) with sockets from <paramref name="socketFactory"/>.</summary>
    public static DnsServer Start(IPAddress address, int port, DnsZone zone,
        Func<AddressFamily, SocketType, ProtocolType, Socket> socketFactory, Action<string> log, int udpLoops = 0, bool reusePort = false)
    {
        var loops = udpLoops > 0 ? udpLoops : DefaultUdpLoops;
        for (var attempt = 0; ; attempt++)
        {
            var udp = socketFactory(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            Socket? tcp = null;
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6) udp.DualMode = true;
                if (reusePort) SetReusePort(udp);
                udp.Bind(new IPEndPoint(address, port));
                var bound = ((IPEndPoint)udp.LocalEndPoint!).Port;
                tcp = socketFactory(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                if (address.AddressFamily == AddressFamily.InterNetworkV6) tcp.DualMode = true;
                tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                tcp.Bind(new IPEndPoint(address, bound));
                tcp.Listen(512);
                var handler = new DnsQueryHandler(zone, new DnsForwarder(socketFactory, log), log);
                var server = new DnsServer(handler, new DnsUdpServer(udp, handler, log), new DnsTcpServer(tcp, handler, log));
                if (reusePort)
                {
                    // One socket per loop, the kernel spreading clients over them by address hash.
                    for (var i = 1; i < loops; i++)
                    {
                        var more = socketFactory(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                        SetReusePort(more);
                        more.Bind(new IPEndPoint(address, bound));
                        server._moreUdp.Add(new DnsUdpServer(more, handler, log));
                    }
                    foreach (var u in server._moreUdp) u.Start(1);
                    server._udp.Start(1);
                }
                else server._udp.Start(loops);
                server._tcp.Start();
                return server;
            }
            catch (SocketException) when (port == 0 && attempt < 20)
            {
                // The free UDP port was taken for TCP: try another one.
                udp.Dispose();
                tcp?.Dispose();
            }
            catch
            {
                udp.Dispose();
                tcp?.Dispose();
                throw;
            }
        }
    }

    private static void SetReusePort(Socket socket) => socket.SetRawSocketOption(1 /* SOL_SOCKET */, 15 /* SO_REUSEPORT */, BitConverter.GetBytes(1));

    public void Dispose()
    {
        foreach (var u in _moreUdp) u.Dispose();
        _udp.Dispose();
        _tcp.Dispose();
    }
}
