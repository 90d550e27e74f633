// The answer to one question, before it becomes a DNS message. SEAM (written before the helpers started).
namespace Kinet.Model.Dns;

/// <summary>How the question was handled: answered from the cluster zones (authoritative), or outside them (the server
/// forwards it when `forward` is configured, else REFUSED).</summary>
public enum DnsAnswerKind { Authoritative, OutsideZones }

public sealed record DnsAnswer(
    DnsAnswerKind Kind,
    DnsRcode Rcode,
    IReadOnlyList<DnsRecord> Answer,
    IReadOnlyList<DnsRecord> Authority,
    IReadOnlyList<DnsRecord> Additional)
{
    public static DnsAnswer Outside { get; } = new(DnsAnswerKind.OutsideZones, DnsRcode.Refused, [], [], []);
}
