// Where the daemon gets its object store: the SQLite file in the cluster's state directory, so every object the API
// acknowledged survives a daemon crash and `kinet up` continues from it.
using Kinet.Store;
using Kinet.Store.Sqlite;

namespace Kinet.Cli.Storage;

internal static class StoreFactory
{
    public static async Task<IObjectStore> OpenAsync(string path, CancellationToken ct) =>
        await SqliteObjectStore.OpenAsync(path, ct: ct);
}
