// An IObjectClient straight over an in-memory store, for controller tests: real revisions, preconditions and watches,
// without the API server's validation and defaulting.
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kinet.Controllers.Client;
using Kinet.Store;
using Kinet.Store.Memory;

namespace Kinet.Controllers.Tests.Support;

public sealed class StoreObjectClient : IObjectClient, IAsyncDisposable
{
    public MemoryObjectStore Store { get; } = new();

    private static string Key(ResourceRef r) => (r.Group.Length == 0 ? "core" : r.Group) + "/" + r.Plural;
    private static JsonObject Parse(StoredObject o) => JsonNode.Parse(o.Json)!.AsObject();
    private static string Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public JsonObject? Get(ResourceRef resource, string? ns, string name) =>
        Store.Get(Key(resource), ns ?? "", name) is { } o ? Parse(o) : null;

    public ObjectList List(ResourceRef resource, string? ns = null)
    {
        var l = Store.List(Key(resource), ns);
        return new ObjectList(l.Items.Select(Parse).ToArray(), l.Revision);
    }

    public IWatchStream Watch(ResourceRef resource, string? ns, long afterResourceVersion) =>
        new Stream(Store.Watch(Key(resource), ns, afterResourceVersion));

    public async Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj, string manager, CancellationToken ct = default)
    {
        var o = obj.DeepClone().AsObject();
        var stored = await Store.CommitAsync(new Mutation(Key(resource), Str(o["metadata"]?["namespace"]), Str(o["metadata"]?["name"]), MutationKind.Create)
        {
            Build = rev => Serialize(o, rev),
        }, ct);
        return Parse(stored);
    }

    public async Task<JsonObject> UpdateAsync(ResourceRef resource, JsonObject obj, string manager, string? subresource = null, CancellationToken ct = default)
    {
        var o = obj.DeepClone().AsObject();
        var rv = Str(o["metadata"]?["resourceVersion"]);
        try
        {
            var stored = await Store.CommitAsync(new Mutation(Key(resource), Str(o["metadata"]?["namespace"]), Str(o["metadata"]?["name"]), MutationKind.Update)
            {
                ExpectedRevision = rv.Length > 0 ? long.Parse(rv) : null,
                Build = r => Serialize(o, r),
            }, ct);
            return Parse(stored);
        }
        catch (StoreConflictException e) { throw new ObjectConflictException(e.Message); }
        catch (StoreNotFoundException e) { throw new ObjectNotFoundException(e.Message); }
    }

    public Task BindAsync(string ns, string pod, string node, string manager, CancellationToken ct = default) =>
        throw new NotSupportedException("binding needs the API registry: use ApiBackedClient");

    public async Task DeleteAsync(ResourceRef resource, string? ns, string name, ObjectDeleteOptions? options = null, CancellationToken ct = default)
    {
        try { await Store.CommitAsync(new Mutation(Key(resource), ns ?? "", name, MutationKind.Delete), ct); }
        catch (StoreNotFoundException e) { throw new ObjectNotFoundException(e.Message); }
    }

    private static byte[] Serialize(JsonObject o, long rev)
    {
        ((JsonObject)o["metadata"]!)["resourceVersion"] = rev.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonSerializer.SerializeToUtf8Bytes(o);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();

    private sealed class Stream : IWatchStream
    {
        private readonly IWatch _watch;
        private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>();
        private readonly Task _pump;

        public Stream(IWatch watch)
        {
            _watch = watch;
            _pump = Task.Run(async () =>
            {
                try
                {
                    await foreach (var e in watch.Events.ReadAllAsync())
                        _events.Writer.TryWrite(new WatchEvent((WatchEventType)(int)e.Type, Parse(e.Object)));
                }
                finally { _events.Writer.TryComplete(); }
            });
        }

        public ChannelReader<WatchEvent> Events => _events.Reader;

        public void Dispose() => _watch.Dispose();
    }
}
