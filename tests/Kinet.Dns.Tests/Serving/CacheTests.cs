// The response cache: hits are patched to the asking query, a new zone starts empty, floods stay bounded.
using Kinet.Dns.Serving;
using Kinet.Dns.Tests.Support;
using Kinet.Model.Dns;

namespace Kinet.Dns.Tests.Serving;

public class CacheTests
{
    [Fact]
    public void A_cached_response_carries_the_new_querys_id_and_rd_bit()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        handler.Answer(Query.Build("svc1.testns.svc.cluster.local.", id: 1));

        var response = handler.Answer(Query.Build("svc1.testns.svc.cluster.local.", id: 0x4242, flags: 0))!;

        Assert.Equal(new byte[] { 0x42, 0x42 }, response[..2]);
        Assert.False(Query.Flag(response, 0x0100));
        Assert.Equal(1, Query.Count(response, 1));
    }

    [Fact]
    public void Swapping_the_zone_answers_from_the_new_one_at_once()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        var query = Query.Build("svc1.testns.svc.cluster.local.");
        Assert.Equal(1, Query.Count(handler.Answer(query)!, 1));

        handler.Zone = FakeZone.Of([FakeZone.A("other.testns.svc.cluster.local.", "10.0.0.9")]);

        Assert.Equal(3, Query.Rcode(handler.Answer(query)!));
    }

    [Fact]
    public void Queries_with_and_without_edns_are_cached_apart()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        var plain = handler.Answer(Query.Build("svc1.testns.svc.cluster.local."))!;
        var edns = handler.Answer(Query.Build("svc1.testns.svc.cluster.local.", ednsSize: 1400))!;
        var plainAgain = handler.Answer(Query.Build("svc1.testns.svc.cluster.local."))!;

        Assert.Equal(0, Query.Count(plain, 3));
        Assert.Equal(1, Query.Count(edns, 3));
        Assert.Equal(plain, plainAgain);
    }

    [Fact]
    public void A_flood_of_random_unknown_names_does_not_grow_memory()
    {
        var handler = Handlers.Of(FakeZone.Sample());
        var output = new byte[65535];
        var random = new Random(7);
        void Flood(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var label = Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()));
                // Half inside the zone (NXDOMAIN, cacheable), half outside (REFUSED).
                var name = i % 2 == 0 ? $"{label}.testns.svc.cluster.local." : $"{label}.example.com.";
                handler.Handle(Query.Build(name, ednsSize: 1232), output, tcp: false, out _);
            }
        }
        Flood(2 * ResponseCache.MaxEntriesPerGeneration * 2); // both generations full: the steady state
        var before = GC.GetTotalMemory(forceFullCollection: true);

        Flood(200_000);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.True(handler.Zone.Cache.Count <= 2 * (ResponseCache.MaxEntriesPerGeneration + 1), $"{handler.Zone.Cache.Count} cached");
        Assert.True(after - before < 16 << 20, $"managed heap grew by {(after - before) >> 10} KiB");
    }
}
