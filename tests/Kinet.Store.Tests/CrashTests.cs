// The durability promise tested for real: a writer process is killed with SIGKILL mid-stream, and every write it had
// acknowledged must be in the file when it is reopened.
using System.Diagnostics;
using Kinet.Store.Sqlite;

namespace Kinet.Store.Tests;

public sealed class CrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Every_write_acknowledged_before_a_kill_9_is_there_after_reopening()
    {
        var path = _dir.File("crash.db");
        var acknowledged = new List<(string Name, long Revision)>();
        using (var child = StartWriter(path))
        {
            try
            {
                // A hang guard only: a child that died at start must not hang the test run.
                using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                Assert.Equal("ready", await child.StandardOutput.ReadLineAsync(guard.Token));
                while (acknowledged.Count < 2000 && await child.StandardOutput.ReadLineAsync(guard.Token) is { } line)
                {
                    var parts = line.Split(' ');
                    acknowledged.Add((parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            finally
            {
                child.Kill(); // SIGKILL on Linux: no disposal, no flush, no finalizers
                await child.WaitForExitAsync();
            }
        }
        Assert.Equal(2000, acknowledged.Count);

        // Each writer awaited its writes one by one, so its acknowledgements come in increasing revision order.
        foreach (var writer in acknowledged.GroupBy(a => a.Name.Split('-')[0]))
            Assert.Equal(writer.Select(a => a.Revision).Order(), writer.Select(a => a.Revision));
        Assert.Equal(acknowledged.Count, acknowledged.Select(a => a.Revision).Distinct().Count());

        await using var store = await SqliteObjectStore.OpenAsync(path);
        Assert.True(store.Revision >= acknowledged.Max(a => a.Revision));
        foreach (var (name, revision) in acknowledged)
        {
            var stored = store.Get(TestObjects.Pods, "default", name);
            Assert.True(stored is not null, $"{name} at revision {revision} was acknowledged but is lost");
            Assert.Equal((revision, name), (stored.Revision, TestObjects.Data(stored)));
        }
        // Writes in flight at the kill may or may not have landed, but the store moves on from the newest one.
        var next = await store.CommitAsync(TestObjects.Create("default", "after-crash"));
        Assert.Equal(store.List(TestObjects.Pods, null).Items.Max(o => o.Revision), next.Revision);
    }

    private static Process StartWriter(string path)
    {
        // The SDK tells child processes which dotnet runs them; "dotnet" from PATH otherwise.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdkHost ? sdkHost : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(CrashWriter).Assembly.Location, "crash-writer", path }) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    public void Dispose() => _dir.Dispose();
}
