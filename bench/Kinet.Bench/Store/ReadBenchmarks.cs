// Reads against 10,000 stored pods: they never touch SQLite, only the in-memory snapshot.
using BenchmarkDotNet.Attributes;
using Kinet.Store.Sqlite;

namespace Kinet.Bench.Store;

[MemoryDiagnoser]
public class ReadBenchmarks
{
    private const int Pods = 10_000;
    private TempStorePath? _path;
    private SqliteObjectStore? _store;
    private string? _middleOfNs3;
    private int _next;

    [GlobalSetup]
    public void Fill()
    {
        _path = new TempStorePath();
        _store = SqliteObjectStore.OpenAsync(_path.Database).GetAwaiter().GetResult();
        SamplePods.FillAsync(_store, Pods).GetAwaiter().GetResult();
        var ns3 = _store.List(SamplePods.Resource, "ns3").Items;
        _middleOfNs3 = $"ns3/{ns3[ns3.Count / 2].Name}";
    }

    [GlobalCleanup]
    public void Close()
    {
        _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _path!.Dispose();
    }

    [Benchmark]
    public StoredObject? Get()
    {
        var i = _next = (_next + 7919) % Pods;
        return _store!.Get(SamplePods.Resource, $"ns{i % 10}", $"pod-{i:D5}");
    }

    [Benchmark]
    public int ListAll10000() => _store!.List(SamplePods.Resource, null).Items.Count;

    [Benchmark]
    public int ListNamespacePage500() => _store!.List(SamplePods.Resource, "ns3", _middleOfNs3, 500).Items.Count;

    [Benchmark]
    public int ListAllWithFilter() => _store!.List(SamplePods.Resource, null, filter: o => o.Name.EndsWith('7')).Items.Count;
}
