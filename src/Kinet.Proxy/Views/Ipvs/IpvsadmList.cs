// `ipvsadm -Ln` output (ipvsadm.c list_all / print_service_entry): the kernel's version line, two header lines, then
// each virtual server ("TCP  10.96.0.1:443 rr [persistent N]") followed by its real servers in fixed-width columns
// ("  -> %-28s %-7s %-6d %-10u %-10u", trailing spaces included). Counters are 0: this is a plan, not a live table.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Ipvs;

public static class IpvsadmList
{
    public static string Print(IReadOnlyList<IpvsVirtualServer> servers)
    {
        var text = new StringBuilder();
        text.Append("IP Virtual Server version 1.2.1 (size=4096)\n");
        text.Append("Prot LocalAddress:Port Scheduler Flags\n");
        text.Append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        foreach (var server in IpvsadmOrder.Sort(servers, IpvsadmOrder.CompareServices))
        {
            text.Append(ProtocolName(server.Protocol)).Append("  ").Append(AddressPort(server.Address, server.Port))
                .Append(' ').Append(server.Scheduler);
            if (server.PersistentTimeout > 0) text.Append(" persistent ").Append(server.PersistentTimeout.ToString(CultureInfo.InvariantCulture));
            text.Append('\n');
            foreach (var real in IpvsadmOrder.Sort(server.RealServers, IpvsadmOrder.CompareDests))
            {
                var name = AddressPort(real.Address, real.Port);
                if (real.Address.AddressFamily != AddressFamily.InterNetworkV6 && name.Length > 28) name = name[..28];
                text.Append(CultureInfo.InvariantCulture, $"  -> {name,-28} {real.Forward,-7} {real.Weight,-6} {0,-10} {0,-10}\n");
            }
        }
        return text.ToString();
    }

    private static string ProtocolName(ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Udp => "UDP",
        ServiceProtocol.Sctp => "SCTP",
        _ => "TCP",
    };

    private static string AddressPort(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
