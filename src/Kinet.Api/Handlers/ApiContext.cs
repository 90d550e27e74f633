// Shared state of one running API server: the store, the clock, and helpers to read stored objects.
using System.Text.Json.Nodes;
using Kinet.Api.Resources;
using Kinet.Store;

namespace Kinet.Api.Handlers;

public sealed class ApiContext(IObjectStore store, TimeProvider clock)
{
    public IObjectStore Store { get; } = store;
    public TimeProvider Clock { get; } = clock;
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>How long a watch without timeoutSeconds stays open (kube-apiserver: min-request-timeout 1800 s, randomised).</summary>
    public TimeSpan DefaultWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>How often a watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);

    public static JsonObject Parse(StoredObject o) => JsonNode.Parse(o.Json)!.AsObject();

    public StoredObject? Get(ResourceInfo r, string? ns, string name) => Store.Get(r.StoreKey, ns ?? "", name);

    public bool NamespaceExists(string ns, out bool terminating)
    {
        var o = Store.Get(ResourceRegistry.Get("", "namespaces").StoreKey, "", ns);
        terminating = false;
        if (o is null) return false;
        var obj = Parse(o);
        terminating = Registry.Meta.IsDeleting(obj) || (obj["status"]?["phase"]?.GetValue<string>() == "Terminating");
        return true;
    }
}
