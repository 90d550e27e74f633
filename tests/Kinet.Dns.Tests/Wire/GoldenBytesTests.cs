// Responses compared byte for byte with what a DNS server must send (RFC 1035 layout, worked out by hand).
using Kinet.Dns.Tests.Support;

namespace Kinet.Dns.Tests.Wire;

public class GoldenBytesTests
{
    [Fact]
    public void An_A_query_gets_an_authoritative_answer_compressed_against_the_question_in_the_clients_case()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        var query = Query.Build("Svc1.TestNS.svc.cluster.local.", id: 0xBEEF);
        var name = "04 53 76 63 31 06 54 65 73 74 4e 53 03 73 76 63 07 63 6c 75 73 74 65 72 05 6c 6f 63 61 6c 00";
        Assert.Equal(Hex("be ef 01 00 00 01 00 00 00 00 00 00", name, "00 01 00 01"), query);

        var response = handler.Answer(query);

        Assert.Equal(Hex(
            "be ef 85 00 00 01 00 01 00 00 00 00", // ID, QR AA RD (no RA), one question, one answer
            name, "00 01 00 01",
            "c0 0c 00 01 00 01 00 00 00 05 00 04 0a 00 00 01"), // pointer to the question's name, A IN TTL 5, 10.0.0.1
            response);
    }

    [Fact]
    public void An_edns_query_gets_an_opt_record_with_its_udp_size_and_do_bit()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        var response = handler.Answer(Query.Build("svc1.testns.svc.cluster.local.", ednsSize: 1232, dnssecOk: true))!;

        Assert.Equal(1, Query.Count(response, 3));
        Assert.Equal(Hex("00 00 29 04 d0 00 00 80 00 00 00"), response[^11..]);
    }

    [Fact]
    public void A_negative_answer_carries_the_soa_in_the_authority_section()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        var response = handler.Answer(Query.Build("nope.testns.svc.cluster.local."))!;

        Assert.Equal(3, Query.Rcode(response));
        Assert.Equal([1, 0, 1, 0], Enumerable.Range(0, 4).Select(s => (int)Query.Count(response, s)));
    }

    internal static byte[] Hex(params string[] parts) =>
        Convert.FromHexString(string.Concat(parts).Replace(" ", "", StringComparison.Ordinal));
}
