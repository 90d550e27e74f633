// Opens a fresh store of one backend; the semantics tests run once per backend through it.
using Kinet.Store.Memory;
using Kinet.Store.Sqlite;

namespace Kinet.Store.Tests;

public abstract class StoreBackend : IDisposable
{
    public abstract Task<IObjectStore> OpenAsync(StoreOptions? options = null);
    public virtual void Dispose() { }
}

public sealed class MemoryBackend : StoreBackend
{
    public override Task<IObjectStore> OpenAsync(StoreOptions? options = null) =>
        Task.FromResult<IObjectStore>(new MemoryObjectStore(options));
}

public sealed class SqliteBackend : StoreBackend
{
    private readonly TempDirectory _dir = new();
    private int _count;

    public override async Task<IObjectStore> OpenAsync(StoreOptions? options = null)
    {
        var sqliteOptions = options is null ? null : new SqliteStoreOptions
        {
            ChangeLogCapacity = options.ChangeLogCapacity,
            ChangeLogMaxBytes = options.ChangeLogMaxBytes,
            WatchBufferLimit = options.WatchBufferLimit,
            MaxBatchSize = options.MaxBatchSize,
        };
        return await SqliteObjectStore.OpenAsync(_dir.File($"store{Interlocked.Increment(ref _count)}.db"), sqliteOptions);
    }

    public override void Dispose() => _dir.Dispose();
}
