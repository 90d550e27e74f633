// The informer's contract: the first list reaches handlers as ADDED, later writes as watch events, and a relist after a
// broken watch reports what changed meanwhile — deletions included.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.Runtime;

public class InformerTests
{
    private static readonly ResourceRef ConfigMaps = new("", "configmaps");

    private static JsonObject Cm(string name) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" } };

    private static async Task Eventually(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(10, cts.Token);
    }

    [Fact]
    public async Task The_cache_follows_creates_updates_and_deletes()
    {
        await using var client = new StoreObjectClient();
        await client.CreateAsync(ConfigMaps, Cm("before"), "test");
        var informer = new Informer(client, ConfigMaps);
        var seen = new ConcurrentQueue<(WatchEventType, string)>();
        informer.AddHandler(e => seen.Enqueue((e.Type, e.Object["metadata"]!["name"]!.GetValue<string>())));
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.Synced;
        Assert.NotNull(informer.Get("default", "before"));

        var created = await client.CreateAsync(ConfigMaps, Cm("after"), "test");
        created["data"] = new JsonObject { ["a"] = "b" };
        await client.UpdateAsync(ConfigMaps, created, "test");
        await client.DeleteAsync(ConfigMaps, "default", "before");
        await Eventually(() => seen.Count >= 4);

        Assert.Equal([(WatchEventType.Added, "before"), (WatchEventType.Added, "after"), (WatchEventType.Modified, "after"), (WatchEventType.Deleted, "before")], seen.ToArray());
        Assert.Null(informer.Get("default", "before"));
        Assert.Equal("b", informer.Get("default", "after")!["data"]!["a"]!.GetValue<string>());
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_relist_after_a_broken_watch_reports_deletions_that_happened_meanwhile()
    {
        await using var client = new StoreObjectClient();
        await client.CreateAsync(ConfigMaps, Cm("gone-later"), "test");
        var flaky = new BreakingClient(client);
        var informer = new Informer(flaky, ConfigMaps);
        var deleted = new ConcurrentBag<string>();
        informer.AddHandler(e => { if (e.Type == WatchEventType.Deleted) deleted.Add(e.Object["metadata"]!["name"]!.GetValue<string>()); });
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.Synced;

        flaky.Break = true; // the next watches end at once, so only a relist can notice the deletion
        await client.DeleteAsync(ConfigMaps, "default", "gone-later");
        flaky.BreakCurrent();
        await Eventually(() => deleted.Contains("gone-later"));
        Assert.Empty(informer.List());
        await cts.CancelAsync();
        await run;
    }

    // Wraps a client so that tests can end its watches, as a server restart or a 410 would.
    private sealed class BreakingClient(IObjectClient inner) : IObjectClient
    {
        private IWatchStream? _current;
        public volatile bool Break;

        public void BreakCurrent() => _current?.Dispose();

        public JsonObject? Get(ResourceRef resource, string? ns, string name) => inner.Get(resource, ns, name);
        public ObjectList List(ResourceRef resource, string? ns = null) => inner.List(resource, ns);

        public IWatchStream Watch(ResourceRef resource, string? ns, long afterResourceVersion)
        {
            if (Break) return new Ended();
            return _current = inner.Watch(resource, ns, afterResourceVersion);
        }

        public Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj, string manager, CancellationToken ct = default) => inner.CreateAsync(resource, obj, manager, ct);
        public Task<JsonObject> UpdateAsync(ResourceRef resource, JsonObject obj, string manager, string? subresource = null, CancellationToken ct = default) => inner.UpdateAsync(resource, obj, manager, subresource, ct);
        public Task DeleteAsync(ResourceRef resource, string? ns, string name, ObjectDeleteOptions? options = null, CancellationToken ct = default) => inner.DeleteAsync(resource, ns, name, options, ct);
        public Task BindAsync(string ns, string pod, string node, string manager, CancellationToken ct = default) => inner.BindAsync(ns, pod, node, manager, ct);

        private sealed class Ended : IWatchStream
        {
            private readonly System.Threading.Channels.Channel<WatchEvent> _c = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>();
            public Ended() => _c.Writer.Complete();
            public System.Threading.Channels.ChannelReader<WatchEvent> Events => _c.Reader;
            public void Dispose() { }
        }
    }
}
