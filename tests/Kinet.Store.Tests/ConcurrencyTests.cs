// A property test on every backend: many tasks racing random creates, updates and deletes on a few keys. Whatever the
// interleaving, the event stream must be the store's history: dense increasing revisions, the same for every watcher,
// and replaying it gives exactly the final state.
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public abstract class ConcurrencyTests<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Racing_writers_leave_a_history_every_watcher_agrees_on(int seed)
    {
        await using var store = await _backend.OpenAsync();
        var watchers = Enumerable.Range(0, 3).Select(_ => store.Watch(Pods, null, 0)).ToList();
        var inDefault = store.Watch(Pods, "ns0", 0);
        var succeeded = 0;

        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + worker);
            for (var i = 0; i < 150; i++)
            {
                var (ns, name) = ($"ns{random.Next(2)}", $"p{random.Next(6)}");
                long? expected = random.Next(2) == 0 ? store.Get(Pods, ns, name)?.Revision : null;
                var mutation = random.Next(3) switch
                {
                    0 => Create(ns, name, data: $"{worker}-{i}"),
                    1 => Update(ns, name, data: $"{worker}-{i}", expected: expected),
                    _ => Delete(ns, name, expected),
                };
                try
                {
                    var result = await store.CommitAsync(mutation);
                    Assert.Equal(result.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), ResourceVersion(result));
                    Interlocked.Increment(ref succeeded);
                }
                catch (StoreException) { }
            }
        })).ToList();
        await Task.WhenAll(tasks);

        var revision = store.Revision;
        Assert.Equal(succeeded, revision);
        var histories = new List<List<ChangeEvent>>();
        foreach (var watch in watchers) histories.Add(await Take(watch, (int)revision));
        Assert.Equal(Enumerable.Range(1, (int)revision).Select(r => (long)r), histories[0].Select(e => e.Revision));
        foreach (var other in histories.Skip(1)) Assert.Equal(histories[0], other);

        // Replaying the history gives the final state, and every event was legal where it happened.
        var model = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
        foreach (var change in histories[0])
        {
            var key = $"{change.Object.Namespace}|{change.Object.Name}";
            Assert.Equal(change.Type == ChangeType.Added, !model.ContainsKey(key));
            if (change.Type == ChangeType.Deleted) model.Remove(key); else model[key] = change.Object;
        }
        Assert.Equal(model.Values, store.List(Pods, null).Items);
        Assert.Equal(histories[0].Where(e => e.Object.Namespace == "ns0"),
            await Take(inDefault, histories[0].Count(e => e.Object.Namespace == "ns0")));
    }

    public void Dispose() => _backend.Dispose();
}

public sealed class MemoryConcurrencyTests : ConcurrencyTests<MemoryBackend>;
public sealed class SqliteConcurrencyTests : ConcurrencyTests<SqliteBackend>;
