// Both pod controllers together under the benchmark's shape: a thousand pods created at once over ten workers all end
// up bound, Running and with distinct addresses from their nodes' CIDRs, and no node over its 110 pods.
using System.Diagnostics;
using Kinet.Controllers.Runtime;
using Kinet.Model.Networking;
using Xunit.Abstractions;

namespace Kinet.Controllers.Tests.Nodes;

public class ThousandPodsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_pods_created_at_once_all_run_with_distinct_addresses()
    {
        await using var c = await PodTestCluster.StartAsync(defaultNodes: false);
        for (var n = 1; n <= 10; n++) await c.AddNodeAsync(PodTestCluster.Worker($"w{n}", $"10.244.{n}.0/24", $"172.18.0.{n + 2}"));
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => c.CreateAsync(Resources.Pods, PodTestCluster.Pod($"p-{i}"))));
        output.WriteLine($"1000 pods created after {clock.ElapsedMilliseconds} ms");
        // Read the informer's cache (as controllers do) rather than listing and parsing every pod on each poll.
        var cache = c.Context!.Informers.For(Resources.Pods);
        await c.Eventually(() => cache.List().Count(p => PodTestCluster.Str(p["spec"]?["nodeName"]) is not null) == 1000, "1000 pods bound");
        output.WriteLine($"1000 pods bound after {clock.ElapsedMilliseconds} ms");
        await c.Eventually(() => cache.List().Count(p => PodTestCluster.Str(p["status"]?["phase"]) == "Running") == 1000, "1000 pods Running");
        output.WriteLine($"1000 pods Running after {clock.ElapsedMilliseconds} ms");

        var pods = c.Pods();
        Assert.Equal(1000, pods.Select(p => PodTestCluster.Str(p["status"]?["podIP"])).Distinct().Count());
        Assert.All(pods, p => Assert.True(Cidr.Parse($"10.244.{PodTestCluster.Str(p["spec"]?["nodeName"])![1..]}.0/24")
            .Contains(IP.Parse(PodTestCluster.Str(p["status"]?["podIP"])!))));
        Assert.All(pods.GroupBy(p => PodTestCluster.Str(p["spec"]?["nodeName"])), g => Assert.Equal(100, g.Count()));
    }
}
