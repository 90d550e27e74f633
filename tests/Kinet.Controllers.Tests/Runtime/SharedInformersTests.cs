// Shared informers: one informer per resource for every controller, and a handler added after the first list still sees
// every object (replayed as Added), as client-go's shared informers guarantee.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.Runtime;

public class SharedInformersTests
{
    [Fact]
    public async Task A_late_handler_gets_the_cache_replayed_and_later_changes_with_the_old_object()
    {
        await using var client = new StoreObjectClient();
        await client.CreateAsync(Resources.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a", ["namespace"] = "default" } }, "t");
        var informers = new SharedInformers(client);
        Assert.Same(informers.For(Resources.ConfigMaps), informers.For(Resources.ConfigMaps));
        using var cts = new CancellationTokenSource();
        var run = informers.RunAsync(cts.Token);
        await informers.WaitForSyncAsync(cts.Token, Resources.ConfigMaps);

        var seen = new ConcurrentQueue<string>();
        informers.For(Resources.ConfigMaps).AddHandler(e =>
            seen.Enqueue($"{e.Type} {e.Object["metadata"]!["name"]} {e.Object["data"]?["k"]} old={e.Old?["data"]?["k"]}"));
        Assert.Equal(["Added a  old="], seen);

        var a = client.Get(Resources.ConfigMaps, "default", "a")!;
        a["data"] = new JsonObject { ["k"] = "v" };
        await client.UpdateAsync(Resources.ConfigMaps, a, "t");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < 2) await Task.Delay(10, wait.Token);
        Assert.Equal("Modified a v old=", seen.Last());

        await cts.CancelAsync();
        await run;
    }
}
