// The seed extraction itself: every manifest of the tutorial is found, whole.
namespace Kinet.Api.Tests.Support;

public class SharedDataTests
{
    [Fact]
    public void The_seed_tutorial_has_twelve_manifests_each_with_a_kind_and_a_name()
    {
        var manifests = SharedData.SeedManifests();
        Assert.Equal(12, manifests.Count);
        Assert.All(manifests, m =>
        {
            Assert.Contains("\nkind: ", m);
            Assert.Contains("\n  name: ", m);
        });
        Assert.Contains(manifests, m => m.Contains("kind: NetworkPolicy") && m.Contains("port: 8125"));
        Assert.Contains(manifests, m => m.Contains("kind: Ingress") && m.Contains("documentation-service"));
    }
}
