// Not a BenchmarkDotNet benchmark: fills a SQLite store with N realistic pods and reports managed heap and working set,
// while running (with the change log full of the creates) and after a reopen (log empty), against the 300 MB daemon budget;
// also how fast the fill went on the memory backend and on SQLite.
using System.Diagnostics;
using Kinet.Store.Sqlite;

namespace Kinet.Bench.Store;

internal static class StoreMemoryFootprint
{
    public static async Task<int> RunAsync(int pods)
    {
        using var path = new TempStorePath();
        Report("empty process", 0);
        // The same fill without a disk, to tell CPU cost from the cost of durability.
        await using (var memory = new Kinet.Store.Memory.MemoryObjectStore())
        {
            var clock = Stopwatch.StartNew();
            await SamplePods.FillAsync(memory, pods);
            Console.WriteLine($"memory backend: filled {pods} pods in {clock.Elapsed.TotalSeconds:F2} s = {pods / clock.Elapsed.TotalSeconds:F0} creates/s");
        }
        var fill = Stopwatch.StartNew();
        await using (var store = await SqliteObjectStore.OpenAsync(path.Database))
        {
            await SamplePods.FillAsync(store, pods);
            fill.Stop();
            var bytes = store.List(SamplePods.Resource, null).Items.Sum(o => (long)o.Json.Length);
            Console.WriteLine($"filled {pods} pods ({bytes / pods} B JSON each, {bytes / 1048576.0:F1} MiB) in {fill.Elapsed.TotalSeconds:F2} s = {pods / fill.Elapsed.TotalSeconds:F0} creates/s (all queued at once)");
            Report("after fill", pods);
        }
        var reopen = Stopwatch.StartNew();
        await using (var store = await SqliteObjectStore.OpenAsync(path.Database))
        {
            reopen.Stop();
            Console.WriteLine($"reopened in {reopen.Elapsed.TotalMilliseconds:F0} ms, revision {store.Revision}");
            Report("after reopen", pods);
        }
        return 0;
    }

    private static void Report(string when, int pods)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"{when,-14} pods={pods,6} managed heap={heap / 1048576.0,7:F1} MiB  working set={self.WorkingSet64 / 1048576.0,7:F1} MiB");
    }
}
