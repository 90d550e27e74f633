// Latency from a commit call until all 100 watchers have read its event: the durable write (SQLite) or none (memory),
// plus fan-out. Reader tasks mimic the API server's watch loops, one per watcher.
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Kinet.Store.Memory;
using Kinet.Store.Sqlite;

namespace Kinet.Bench.Store;

[Config(typeof(PercentilesConfig))]
public class WatchFanOutBenchmarks
{
    private const int Watchers = 100;
    private TempStorePath? _path;
    private IObjectStore? _store;
    private readonly List<IWatch> _watches = [];
    private readonly List<Task> _readers = [];
    private TaskCompletionSource? _allSeen;
    private int _pending;

    [Params("sqlite", "memory")]
    public string Backend { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = new TempStorePath();
        _store = Backend == "sqlite"
            ? SqliteObjectStore.OpenAsync(_path.Database).GetAwaiter().GetResult()
            : new MemoryObjectStore();
        _store.CommitAsync(SamplePods.Create("default", "watched")).GetAwaiter().GetResult();
        for (var i = 0; i < Watchers; i++)
        {
            var watch = _store.Watch(SamplePods.Resource, "default", _store.Revision);
            _watches.Add(watch);
            _readers.Add(Task.Run(async () =>
            {
                await foreach (var _ in watch.Events.ReadAllAsync())
                    if (Interlocked.Decrement(ref _pending) == 0) _allSeen!.TrySetResult();
            }));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var watch in _watches) watch.Dispose();
        Task.WhenAll(_readers).GetAwaiter().GetResult();
        _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _path!.Dispose();
    }

    [Benchmark]
    public async Task CommitUntilAllWatchersHaveIt()
    {
        _allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending, Watchers);
        await _store!.CommitAsync(SamplePods.Update("default", "watched"));
        await _allSeen.Task;
    }

    private sealed class PercentilesConfig : ManualConfig
    {
        public PercentilesConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }
}
