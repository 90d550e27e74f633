// Not a BenchmarkDotNet benchmark (its percentiles are over iterations, not operations): the latency from calling
// CommitAsync until each of 100 watchers has read the event, per commit, as p50/p99/max, with and without 64 other
// committers loading the store at the same time.
using System.Diagnostics;
using Kinet.Store.Memory;
using Kinet.Store.Sqlite;

namespace Kinet.Bench.Store;

internal static class StoreFanOutLatency
{
    private const int Watchers = 100;

    public static async Task<int> RunAsync(int commits)
    {
        foreach (var backend in new[] { "memory", "sqlite" })
            foreach (var background in new[] { 0, 64 })
                await MeasureAsync(backend, background, commits);
        return 0;
    }

    private static async Task MeasureAsync(string backend, int backgroundCommitters, int commits)
    {
        using var path = new TempStorePath();
        await using IObjectStore store = backend == "sqlite" ? await SqliteObjectStore.OpenAsync(path.Database) : new MemoryObjectStore();
        await store.CommitAsync(SamplePods.Create("watched", "pod"));

        // seen[commit] = timestamp at which the last of the watchers read that commit's event.
        var seen = new long[commits];
        var remaining = Enumerable.Repeat(Watchers, commits).ToArray();
        var allSeen = Enumerable.Range(0, commits).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var revisionToCommit = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();
        var watches = Enumerable.Range(0, Watchers).Select(_ => store.Watch(SamplePods.Resource, "watched", store.Revision)).ToList();
        var readers = watches.Select(watch => Task.Run(async () =>
        {
            await foreach (var change in watch.Events.ReadAllAsync())
            {
                var now = Stopwatch.GetTimestamp();
                // Build recorded the revision before the event existed.
                var commit = revisionToCommit[change.Revision];
                if (Interlocked.Decrement(ref remaining[commit]) == 0)
                {
                    seen[commit] = now;
                    allSeen[commit].SetResult();
                }
            }
        })).ToList();

        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, backgroundCommitters).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await store.CommitAsync(SamplePods.Create($"ns{c % 10}", $"bg-{c}-{i}"));
        })).ToList();

        var started = new long[commits];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            started[i] = Stopwatch.GetTimestamp();
            var commit = i;
            await store.CommitAsync(new Mutation(SamplePods.Resource, "watched", "pod", MutationKind.Update)
            {
                Build = rev => { revisionToCommit[rev] = commit; return SamplePods.Json("watched", "pod", rev); },
            });
            await allSeen[i].Task;
        }
        clock.Stop();
        var written = store.Revision;
        await stop.CancelAsync();
        await Task.WhenAll(load);
        foreach (var watch in watches) watch.Dispose();
        await Task.WhenAll(readers);

        var latencies = Enumerable.Range(0, commits).Select(i => Stopwatch.GetElapsedTime(started[i], seen[i]).TotalMilliseconds).Order().ToArray();
        double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        Console.WriteLine($"{backend,-6} background committers={backgroundCommitters,2}: commit→all {Watchers} watchers p50={P(0.50):F2} ms p99={P(0.99):F2} ms max={latencies[^1]:F2} ms " +
            $"({commits} commits; store did {written / clock.Elapsed.TotalSeconds:F0} writes/s meanwhile)");
    }
}
