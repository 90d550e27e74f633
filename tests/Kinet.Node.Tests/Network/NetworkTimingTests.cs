// Writes how long the network takes at a modest scale (3 nodes, 200 pods) to the test output, for docs/benchmarks.md.
// It asserts only that everything was made and removed: times on a shared machine are reported, never bounded.
using System.Diagnostics;
using Kinet.Node.Network;
using Xunit.Abstractions;

namespace Kinet.Node.Tests.Network;

public sealed class NetworkTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(NetworkMode.Routed)]
    [InlineData(NetworkMode.Vxlan)]
    public async Task Three_nodes_and_two_hundred_pods_are_made_and_removed(NetworkMode mode)
    {
        RootOnly.Require();
        var spec = TestCluster.MakeSpec(mode, nodes: 3);
        try
        {
            var clock = Stopwatch.StartNew();
            var network = await ClusterNetwork.UpAsync(spec, CancellationToken.None);
            var up = clock.Elapsed;
            clock.Restart();
            await ClusterNetwork.UpAsync(spec, CancellationToken.None);
            var again = clock.Elapsed;

            var pods = Enumerable.Range(0, 200).Select(i => (Node: spec.Nodes[i % 3], Id: $"p{i}", Ip: TestCluster.Nth(spec.Nodes[i % 3].PodCidr, (uint)(10 + i / 3)))).ToList();
            clock.Restart();
            await Task.WhenAll(pods.Select(p => network.CreatePodNetworkAsync(p.Node.Name, p.Id, [p.Ip], CancellationToken.None)));
            var created = clock.Elapsed;
            Assert.Equal(200, (await network.ListPodNetworksAsync(CancellationToken.None)).Count);
            clock.Restart();
            await Task.WhenAll(pods.Take(100).Select(p => network.DeletePodNetworkAsync(p.Id, CancellationToken.None)));
            var deleted = clock.Elapsed;
            clock.Restart();
            var removed = await ClusterNetwork.DownAsync(spec.Cluster, CancellationToken.None);
            var down = clock.Elapsed;
            Assert.Equal(103, removed.Namespaces.Count);

            output.WriteLine($"{mode}: up (3 nodes) {up.TotalMilliseconds:F0} ms, up again {again.TotalMilliseconds:F0} ms, " +
                $"200 pods {created.TotalMilliseconds / 200:F1} ms/pod, delete 100 {deleted.TotalMilliseconds / 100:F1} ms/pod, " +
                $"down with 100 pods {down.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await ClusterNetwork.DownAsync(spec.Cluster, CancellationToken.None);
        }
    }
}
