// A shared informer as client-go's: list, then watch; keeps an in-memory copy of the objects and tells handlers about
// every change. When a watch ends (too old, server restart, slow watcher cut off) it lists again and reports the
// difference, so handlers never miss a deletion.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Runtime;

public sealed class Informer(IObjectClient client, ResourceRef resource, string? ns = null)
{
    private readonly object _gate = new();
    private readonly object _notifyGate = new();
    private Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);
    private readonly List<Action<WatchEvent>> _handlers = [];
    private bool _listed;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResourceRef Resource => resource;

    /// <summary>The pause before listing again after a watch that ended sooner than this.</summary>
    public TimeSpan RelistBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Completes once the first list has been delivered to the handlers.</summary>
    public Task Synced => _synced.Task;

    /// <summary>
    /// Registers a handler. Handlers run on the informer's loop: keep them quick (enqueue work). A handler added after the
    /// first list gets every cached object as Added first, as client-go's shared informers do, so it misses nothing.
    /// </summary>
    public void AddHandler(Action<WatchEvent> handler)
    {
        // Replayed under the notification lock, so a live event cannot reach the new handler before the replay of an
        // older state of the same object (which would leave the handler with the older one).
        lock (_notifyGate)
        {
            JsonObject[] replay;
            lock (_gate)
            {
                _handlers.Add(handler);
                if (!_listed) return;
                replay = _items.Values.ToArray();
            }
            foreach (var o in replay) handler(new WatchEvent(WatchEventType.Added, o));
        }
    }

    public JsonObject? Get(string? objectNamespace, string name)
    {
        lock (_gate) return _items.GetValueOrDefault(Key(objectNamespace, name));
    }

    public IReadOnlyList<JsonObject> List()
    {
        lock (_gate) return _items.Values.ToArray();
    }

    public IReadOnlyList<JsonObject> List(string objectNamespace)
    {
        lock (_gate) return _items.Values.Where(o => Namespace(o) == objectNamespace).ToArray();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var list = client.List(resource, ns);
            Relist(list.Items);
            _synced.TrySetResult();
            var started = DateTimeOffset.UtcNow;
            using (var watch = client.Watch(resource, ns, list.ResourceVersion))
            {
                try
                {
                    await foreach (var e in watch.Events.ReadAllAsync(ct).ConfigureAwait(false)) Apply(e);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
            // The watch ended on its own: list again, but not in a tight loop when watches keep ending at once.
            if (DateTimeOffset.UtcNow - started < RelistBackoff)
            {
                try { await Task.Delay(RelistBackoff, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Relist(IReadOnlyList<JsonObject> items)
    {
        var fresh = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var o in items)
        {
            Materialize(o);
            fresh[Key(Namespace(o), Name(o))] = o;
        }
        List<WatchEvent> events = [];
        lock (_gate)
        {
            foreach (var (key, old) in _items)
                if (!fresh.ContainsKey(key)) events.Add(new WatchEvent(WatchEventType.Deleted, old, old));
            foreach (var (key, o) in fresh)
            {
                if (!_items.TryGetValue(key, out var old)) events.Add(new WatchEvent(WatchEventType.Added, o));
                else if (ResourceVersion(old) != ResourceVersion(o)) events.Add(new WatchEvent(WatchEventType.Modified, o, old));
            }
            _items = fresh;
            _listed = true;
        }
        Notify(events);
    }

    private void Apply(WatchEvent e)
    {
        Materialize(e.Object);
        var key = Key(Namespace(e.Object), Name(e.Object));
        JsonObject? old;
        lock (_gate)
        {
            if (e.Type == WatchEventType.Deleted) _items.Remove(key, out old);
            else
            {
                _items.TryGetValue(key, out old);
                _items[key] = e.Object;
            }
        }
        Notify([e with { Old = old }]);
    }

    private void Notify(IReadOnlyList<WatchEvent> events)
    {
        lock (_notifyGate)
        {
            Action<WatchEvent>[] handlers;
            lock (_gate) handlers = _handlers.ToArray();
            foreach (var e in events)
                foreach (var h in handlers) h(e);
        }
    }

    /// <summary>
    /// A parsed JsonObject builds its children lazily on first access, and that is not thread-safe; cached objects are read
    /// by many controllers' workers at once, so every node is built here, on the informer's thread, before sharing.
    /// </summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) Materialize(child);
                break;
            case JsonArray a:
                foreach (var child in a) Materialize(child);
                break;
        }
    }

    public static string Key(string? objectNamespace, string name) => string.IsNullOrEmpty(objectNamespace) ? name : objectNamespace + "/" + name;

    private static string Name(JsonObject o) => Str(o["metadata"]?["name"]);
    private static string Namespace(JsonObject o) => Str(o["metadata"]?["namespace"]);
    private static string ResourceVersion(JsonObject o) => Str(o["metadata"]?["resourceVersion"]);
}
