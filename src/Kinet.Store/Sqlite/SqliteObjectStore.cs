// The durable store: all objects in memory for reads, every write group-committed to a SQLite file before it is acknowledged.
using Kinet.Store.Core;

namespace Kinet.Store.Sqlite;

public sealed class SqliteObjectStore : IObjectStore
{
    private readonly StoreEngine _engine;

    private SqliteObjectStore(StoreEngine engine) => _engine = engine;

    internal StoreEngine Engine => _engine;

    /// <summary>Opens the store at <paramref name="path"/>, creating it if missing, and loads every object into memory.
    /// After opening, the watch log is empty: OldestWatchableRevision equals Revision.</summary>
    public static Task<SqliteObjectStore> OpenAsync(string path, SqliteStoreOptions? options = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteStoreOptions();
        options.Validate();
        return Task.Run(() =>
        {
            var (log, snapshot) = SqliteLog.Open(path);
            return new SqliteObjectStore(new StoreEngine(log, snapshot, options));
        }, ct);
    }

    public long Revision => _engine.Revision;
    public long OldestWatchableRevision => _engine.OldestWatchableRevision;
    public StoredObject? Get(string resource, string ns, string name) => _engine.Get(resource, ns, name);
    public ListResult List(string resource, string? ns, string? after = null, int limit = 0, Func<StoredObject, bool>? filter = null) =>
        _engine.List(resource, ns, after, limit, filter);
    public Task<StoredObject> CommitAsync(Mutation mutation, CancellationToken ct = default) => _engine.CommitAsync(mutation, ct);
    public IWatch Watch(string resource, string? ns, long afterRevision) => _engine.Watch(resource, ns, afterRevision);
    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
