// A DNS server on a free loopback port for one test.
using System.Net;
using System.Net.Sockets;
using Kinet.Dns.Serving;

namespace Kinet.Dns.Tests.Support;

internal static class Servers
{
    public static DnsServer Start(DnsZone zone, List<string>? log = null) =>
        DnsServer.Start(IPAddress.Loopback, 0, zone, (f, t, p) => new Socket(f, t, p), line => { lock (log ?? []) log?.Add(line); });
}
