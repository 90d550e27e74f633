// Where the daemon gets its object store. One line to change when the SQLite backend lands on main:
// return SqliteObjectStore.OpenAsync(path, ct: ct).
using Kinet.Store;

namespace Kinet.Cli.Storage;

internal static class StoreFactory
{
    public static Task<IObjectStore> OpenAsync(string path, CancellationToken ct)
    {
        _ = path; _ = ct;
        return Task.FromResult<IObjectStore>(new MemoryObjectStore());
    }
}
