// Durable creates per second through group commit: N committers each awaiting its own creates, against a SQLite file.
// One invocation = 2,000 creates; BenchmarkDotNet reports time per create (OperationsPerInvoke).
using BenchmarkDotNet.Attributes;
using Kinet.Store.Sqlite;

namespace Kinet.Bench.Store;

[MemoryDiagnoser]
public class CreateThroughputBenchmarks
{
    private const int Creates = 2_000;
    private TempStorePath? _path;
    private SqliteObjectStore? _store;
    private int _round;

    [Params(1, 64)]
    public int Committers { get; set; }

    [IterationSetup]
    public void Open()
    {
        _path = new TempStorePath();
        _store = SqliteObjectStore.OpenAsync(_path.Database).GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void Close()
    {
        _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _path!.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Creates)]
    public async Task DurableCreate()
    {
        var round = _round++;
        var perCommitter = Creates / Committers;
        var committers = new Task[Committers];
        for (var c = 0; c < Committers; c++)
        {
            var committer = c;
            committers[c] = Task.Run(async () =>
            {
                for (var i = 0; i < perCommitter; i++)
                    await _store!.CommitAsync(SamplePods.Create($"ns{committer % 10}", $"r{round}-c{committer}-{i}"));
            });
        }
        await Task.WhenAll(committers);
    }
}
