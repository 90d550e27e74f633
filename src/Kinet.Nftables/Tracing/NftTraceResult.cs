// What happened to a traced packet: its fate, where it was sent after DNAT, whether it was masqueraded, and the rules
// it matched (for failure messages). ToString() reads like kube-proxy's tracer tests.
using System.Net;

namespace Kinet.Nftables.Tracing;

public enum NftFate { Accepted, Dropped, Rejected }

public sealed record NftTraceResult(
    NftPacket Packet,
    NftFate Fate,
    IPAddress FinalDestination,
    int FinalPort,
    bool Translated,
    bool Masqueraded,
    IReadOnlyList<string> Matched)
{
    /// <summary>"10.244.2.7:8080" after DNAT, or null when the packet was not translated (or did not get through).</summary>
    public string? EndsAt => Fate == NftFate.Accepted && Translated ? Endpoint(FinalDestination, FinalPort) : null;

    public override string ToString() => Fate switch
    {
        NftFate.Rejected => $"{Packet.Describe()} is rejected",
        NftFate.Dropped => $"{Packet.Describe()} is dropped",
        _ when Translated => $"{Packet.Describe()} ends at {EndsAt}, masqueraded: {(Masqueraded ? "yes" : "no")}",
        _ => $"{Packet.Describe()} is accepted (no rule matched){(Masqueraded ? ", masqueraded: yes" : "")}",
    };

    internal static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
