// Many pods at once through the kubelet controller and the lifecycle agent: every one starts, passes its readiness
// probe and is written Ready; deleting them all stops every container and removes every sandbox.
using System.Diagnostics;
using System.Text.Json.Nodes;
using Kinet.Controllers.Runtime;
using Kinet.Model.Workloads;
using Xunit.Abstractions;
using static Kinet.Controllers.Tests.Lifecycle.LifecycleRig;

namespace Kinet.Controllers.Tests.Lifecycle;

public class ManyPodsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hundred_probed_pods_all_become_Ready_and_all_go_away_when_deleted()
    {
        await using var c = await LifecycleCluster.StartAsync();
        c.Prober.Set(80, healthy: true);
        var watch = Stopwatch.StartNew();
        var cache = c.Context.Informers.For(Resources.Pods);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            c.CreatePodAsync($"p-{i}", "Always", Container("web", image: "nginx", readiness: HttpProbe(80)), Container("log"))));
        await c.Eventually(() => cache.List("default").Count(PodFacts.IsReady) == 200, "200 pods Ready");
        output.WriteLine($"200 pods Ready after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(200, c.Agent.RunningPods);
        Assert.All(cache.List("default"), p => Assert.Equal(("2/2", "Running", "0"), Print(p, c.Clock.GetUtcNow())));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            c.Client.DeleteAsync(Resources.Pods, "default", $"p-{i}", new Client.ObjectDeleteOptions(GracePeriodSeconds: 30), CancellationToken.None)));
        await c.Eventually(() => cache.List("default").Count == 0, "every pod gone");
        output.WriteLine($"200 pods deleted after {watch.ElapsedMilliseconds} ms");

        Assert.Equal(0, c.Agent.RunningPods);
        Assert.All(c.Runtime.Sandboxes.Values, s => Assert.True(s.Disposed));
        Assert.All(c.Runtime.Sandboxes.Values.SelectMany(s => s.Started), x => Assert.True(x.Exited.IsCompleted));
    }
}
