// A fresh directory per test, removed afterwards, so no test reads or writes the user's ~/.kinet or ~/.kube.
namespace Kinet.Cli.Tests;

public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "kinet-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}
