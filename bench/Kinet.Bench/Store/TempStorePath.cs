// A throwaway directory for a benchmark's database.
namespace Kinet.Bench.Store;

internal sealed class TempStorePath : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinet-bench-").FullName;

    public string Database => Path.Combine(_dir, "store.db");

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
