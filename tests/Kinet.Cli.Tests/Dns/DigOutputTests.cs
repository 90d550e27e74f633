// dig-like text of an answer: header, question, sections as zone-file lines; names outside the zones.
using System.Net;
using Kinet.Cli.Dns;
using Kinet.Model.Dns;

namespace Kinet.Cli.Tests.Dns;

public class DigOutputTests
{
    private static readonly ClusterDnsConfig Config = new();

    [Fact]
    public void An_answer_has_the_header_the_question_and_its_records()
    {
        var answer = new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NoError,
            [new SrvRecord("_http._tcp.my-svc.default.svc.cluster.local.", 30, 0, 100, 80, "my-svc.default.svc.cluster.local.")], [],
            [new AddressRecord("my-svc.default.svc.cluster.local.", 30, IPAddress.Parse("10.96.0.20"))]);
        Assert.Equal("""
            ;; ->>HEADER<<- opcode: QUERY, status: NOERROR
            ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1

            ;; QUESTION SECTION:
            ;_http._tcp.my-svc.default.svc.cluster.local.	IN	SRV

            ;; ANSWER SECTION:
            _http._tcp.my-svc.default.svc.cluster.local.	30	IN	SRV	0 100 80 my-svc.default.svc.cluster.local.

            ;; ADDITIONAL SECTION:
            my-svc.default.svc.cluster.local.	30	IN	A	10.96.0.20

            """, DigOutput.Format("_http._tcp.my-svc.default.svc.cluster.local.", DnsType.SRV, answer, Config));
    }

    [Fact]
    public void NXDOMAIN_shows_the_SOA_in_the_authority_section()
    {
        var answer = new DnsAnswer(DnsAnswerKind.Authoritative, DnsRcode.NxDomain, [],
            [new SoaRecord("cluster.local.", 5, "ns.dns.cluster.local.", "hostmaster.cluster.local.", 1, 7200, 1800, 86400, 5)], []);
        var text = DigOutput.Format("nope.default.svc.cluster.local.", DnsType.A, answer, Config);
        Assert.StartsWith(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN\n;; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0\n", text);
        Assert.EndsWith(";; AUTHORITY SECTION:\ncluster.local.\t5\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5\n", text);
        Assert.DoesNotContain("ANSWER SECTION", text);
    }

    [Fact]
    public void A_name_outside_the_zones_is_refused_without_forward_and_names_the_upstream_with_one()
    {
        var refused = DigOutput.Format("example.com.", DnsType.A, DnsAnswer.Outside, Config);
        Assert.StartsWith(";; ->>HEADER<<- opcode: QUERY, status: REFUSED\n;; flags: qr rd;", refused);
        var forwarded = DigOutput.Format("example.com.", DnsType.A, DnsAnswer.Outside, Config with { Forward = [IPEndPoint.Parse("192.0.2.53:53")] });
        Assert.Equal(";; example.com. is outside the cluster zones (cluster.local., in-addr.arpa., ip6.arpa.): the server forwards it to 192.0.2.53:53 (kinet dns does not send it)\n", forwarded);
    }
}
