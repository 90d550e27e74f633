// dig-like text of one answer: header (status, flags, counts), question, and the ANSWER/AUTHORITY/ADDITIONAL sections as
// zone-file lines (the lines CoreDNS's tests compare).
using System.Text;
using Kinet.Model.Dns;

namespace Kinet.Cli.Dns;

internal static class DigOutput
{
    public static string Format(string qname, DnsType qtype, DnsAnswer answer, ClusterDnsConfig config)
    {
        var text = new StringBuilder();
        if (answer.Kind == DnsAnswerKind.OutsideZones && config.Forward.Count > 0)
        {
            text.Append(";; ").Append(qname).Append(" is outside the cluster zones (").Append(string.Join(", ", config.Zones))
                .Append("): the server forwards it to ").Append(string.Join(", ", config.Forward)).Append(" (kinet dns does not send it)\n");
            return text.ToString();
        }
        var authoritative = answer.Kind == DnsAnswerKind.Authoritative;
        text.Append(";; ->>HEADER<<- opcode: QUERY, status: ").Append(Status(answer.Rcode)).Append('\n');
        text.Append(";; flags: qr").Append(authoritative ? " aa" : "").Append(" rd; QUERY: 1, ANSWER: ").Append(answer.Answer.Count)
            .Append(", AUTHORITY: ").Append(answer.Authority.Count).Append(", ADDITIONAL: ").Append(answer.Additional.Count).Append('\n');
        if (!authoritative)
            text.Append(";; outside the cluster zones (").Append(string.Join(", ", config.Zones)).Append(") and no forward: refused\n");
        text.Append("\n;; QUESTION SECTION:\n;").Append(qname).Append("\tIN\t").Append(qtype).Append('\n');
        Section(text, "ANSWER", answer.Answer);
        Section(text, "AUTHORITY", answer.Authority);
        Section(text, "ADDITIONAL", answer.Additional);
        return text.ToString();
    }

    /// <summary>dig's names for response codes.</summary>
    public static string Status(DnsRcode rcode) => rcode switch
    {
        DnsRcode.NoError => "NOERROR",
        DnsRcode.FormErr => "FORMERR",
        DnsRcode.ServFail => "SERVFAIL",
        DnsRcode.NxDomain => "NXDOMAIN",
        DnsRcode.NotImp => "NOTIMP",
        DnsRcode.Refused => "REFUSED",
        _ => ((int)rcode).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void Section(StringBuilder text, string name, IReadOnlyList<DnsRecord> records)
    {
        if (records.Count == 0) return;
        text.Append("\n;; ").Append(name).Append(" SECTION:\n");
        foreach (var r in records) text.Append(Line(r)).Append('\n');
    }

    /// <summary>The zone-file line of a record. Not DnsRecord.ToString(): each derived record synthesizes its own
    /// ToString ("SrvRecord { ... }") over the base's unless the base seals it.</summary>
    public static string Line(DnsRecord r) => $"{r.Name}\t{r.Ttl}\tIN\t{r.Type}\t{r.DataText}";
}
