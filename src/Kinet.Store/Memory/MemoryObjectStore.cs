// The store without durability, for fast tests of the layers above: same semantics as the SQLite store, nothing on disk.
using Kinet.Store.Core;

namespace Kinet.Store.Memory;

public sealed class MemoryObjectStore(StoreOptions? options = null) : IObjectStore
{
    private readonly StoreEngine _engine = new(new NoLog(), StoreSnapshot.Empty, options ?? new StoreOptions());

    public long Revision => _engine.Revision;
    public long OldestWatchableRevision => _engine.OldestWatchableRevision;
    public StoredObject? Get(string resource, string ns, string name) => _engine.Get(resource, ns, name);
    public ListResult List(string resource, string? ns, string? after = null, int limit = 0, Func<StoredObject, bool>? filter = null) =>
        _engine.List(resource, ns, after, limit, filter);
    public Task<StoredObject> CommitAsync(Mutation mutation, CancellationToken ct = default) => _engine.CommitAsync(mutation, ct);
    public IWatch Watch(string resource, string? ns, long afterRevision) => _engine.Watch(resource, ns, afterRevision);
    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    private sealed class NoLog : IDurableLog
    {
        public void Append(IReadOnlyList<ChangeEvent> changes, long revision) { }
        public void Dispose() { }
    }
}
