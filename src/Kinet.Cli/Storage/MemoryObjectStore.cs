// Temporary stand-in for the SQLite store so the daemon runs before that backend is merged: in memory, not durable.
// Deleted once StoreFactory opens the real store.
using System.Threading.Channels;
using Kinet.Store;

namespace Kinet.Cli.Storage;

internal sealed class MemoryObjectStore : IObjectStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<(string Resource, string Ns, string Name), StoredObject> _objects = new();
    private readonly List<ChangeEvent> _log = [];
    private readonly List<(string Resource, string? Ns, Channel<ChangeEvent> Channel)> _watchers = [];
    private long _revision;

    public long Revision { get { lock (_gate) return _revision; } }
    public long OldestWatchableRevision => 0;

    public StoredObject? Get(string resource, string ns, string name)
    {
        lock (_gate) return _objects.GetValueOrDefault((resource, ns, name));
    }

    public ListResult List(string resource, string? ns, string? after = null, int limit = 0, Func<StoredObject, bool>? filter = null)
    {
        lock (_gate)
        {
            var items = _objects.Values
                .Where(o => o.Resource == resource && (ns is null || o.Namespace == ns))
                .Where(o => after is null || string.CompareOrdinal($"{o.Namespace}/{o.Name}", after) > 0)
                .Where(o => filter is null || filter(o))
                .ToList();
            if (limit > 0 && items.Count > limit)
                return new ListResult(items[..limit], _revision, $"{items[limit - 1].Namespace}/{items[limit - 1].Name}");
            return new ListResult(items, _revision, null);
        }
    }

    public Task<StoredObject> CommitAsync(Mutation m, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var key = (m.Resource, m.Namespace, m.Name);
            var current = _objects.GetValueOrDefault(key);
            if (m.Kind == MutationKind.Create && current is not null) throw new StoreAlreadyExistsException(m.Resource, m.Namespace, m.Name);
            if (m.Kind != MutationKind.Create && current is null) throw new StoreNotFoundException(m.Resource, m.Namespace, m.Name);
            if (current is not null && m.ExpectedRevision is { } expected && expected != current.Revision)
                throw new StoreConflictException(m.Resource, m.Namespace, m.Name, expected, current.Revision);
            var revision = _revision + 1;
            var json = m.Build?.Invoke(revision) ?? current?.Json ?? throw new ArgumentException("Build is required to create or update");
            var stored = new StoredObject(m.Resource, m.Namespace, m.Name, revision, json);
            _revision = revision;
            ChangeType type;
            if (m.Kind == MutationKind.Delete) { _objects.Remove(key); type = ChangeType.Deleted; }
            else { _objects[key] = stored; type = m.Kind == MutationKind.Create ? ChangeType.Added : ChangeType.Modified; }
            var change = new ChangeEvent(type, stored);
            _log.Add(change);
            foreach (var w in _watchers)
                if (w.Resource == m.Resource && (w.Ns is null || w.Ns == m.Namespace)) w.Channel.Writer.TryWrite(change);
            return Task.FromResult(stored);
        }
    }

    public IWatch Watch(string resource, string? ns, long afterRevision)
    {
        lock (_gate)
        {
            var channel = Channel.CreateUnbounded<ChangeEvent>();
            foreach (var e in _log)
                if (e.Revision > afterRevision && e.Object.Resource == resource && (ns is null || e.Object.Namespace == ns))
                    channel.Writer.TryWrite(e);
            var entry = (resource, ns, channel);
            _watchers.Add(entry);
            return new MemoryWatch(channel, () => { lock (_gate) _watchers.Remove(entry); });
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var w in _watchers) w.Channel.Writer.TryComplete();
            _watchers.Clear();
        }
        return ValueTask.CompletedTask;
    }

    private sealed class MemoryWatch(Channel<ChangeEvent> channel, Action remove) : IWatch
    {
        public ChannelReader<ChangeEvent> Events => channel.Reader;
        public void Dispose() { remove(); channel.Writer.TryComplete(); }
    }
}
