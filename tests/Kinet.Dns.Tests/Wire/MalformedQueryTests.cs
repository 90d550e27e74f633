// What CoreDNS (miekg/dns) does with packets that are not proper queries: drop, FORMERR or NOTIMP; never an exception.
using Kinet.Dns.Tests.Support;

namespace Kinet.Dns.Tests.Wire;

public class MalformedQueryTests
{
    private static readonly byte[] Good = Query.Build("svc1.testns.svc.cluster.local.");

    public static TheoryData<string, byte[], int?> Cases => new()
    {
        { "a runt shorter than a header", Good[..11], null },
        { "a response (QR set)", With(Good, 2, 0x81), null },
        { "two questions", With(Good, 5, 2), 1 },
        { "no question", With(Good, 5, 0), 1 },
        { "opcode STATUS", With(Good, 2, 0x11), 4 },
        { "opcode UPDATE", With(Good, 2, 0x29), 4 },
        { "a question cut short", Good[..^3], 1 },
        { "a name running past the end", Good[..20], 1 },
        { "a compression pointer in the question", [.. Good[..12], 0xC0, 0x0C, 0, 1, 0, 1], 1 },
        { "a label longer than 63 octets", [.. Good[..12], 64, .. new byte[64], 0, 0, 1, 0, 1], 1 },
        { "a name longer than 255 octets", [.. Good[..12], .. Enumerable.Repeat<byte[]>([63, .. new byte[63]], 5).SelectMany(b => b), 0, 0, 1, 0, 1], 1 },
        { "three additional records", With(Good, 11, 3), 1 },
        { "an additional record that is not there", With(Good, 11, 1), 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_packet_is_dropped_or_refused_with_the_right_rcode(string what, byte[] packet, int? rcode)
    {
        var response = Handlers.Of(FakeZone.Sample()).Answer(packet);

        if (rcode is null) Assert.Null(response);
        else
        {
            Assert.True(response is not null, what);
            Assert.Equal(rcode, Query.Rcode(response));
            Assert.Equal(packet[..2], response[..2]);
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        var random = new Random(42);
        var output = new byte[65535];
        for (var i = 0; i < 50_000; i++)
        {
            var packet = new byte[random.Next(0, 600)];
            random.NextBytes(packet);
            if (i % 2 == 0 && packet.Length > 12)
            {
                // Mostly-valid headers reach deeper into the parser.
                Good.AsSpan(0, 12).CopyTo(packet);
                packet[11] = (byte)random.Next(0, 3);
            }
            handler.Handle(packet, output, tcp: i % 3 == 0, out _);
        }
    }

    private static byte[] With(byte[] packet, int offset, byte value)
    {
        var copy = (byte[])packet.Clone();
        copy[offset] = value;
        return copy;
    }
}
