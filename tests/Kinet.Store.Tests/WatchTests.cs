// Watch on every backend: replay from the change log, live events, scoping, too-old revisions, slow watchers, and the
// replay/live hand-over under concurrent writes.
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public abstract class WatchTests<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();

    [Fact]
    public async Task A_watch_replays_events_after_its_revision_then_streams_live_ones()
    {
        await using var store = await _backend.OpenAsync();
        await store.CommitAsync(Create("default", "a", data: "1"));
        await store.CommitAsync(Update("default", "a", data: "2"));
        using var watch = store.Watch(Pods, null, 1);
        await store.CommitAsync(Delete("default", "a"));

        var events = await Take(watch, 2);
        Assert.Equal(["Modified 2 2", "Deleted 3 deleted"], events.Select(e => $"{e.Type} {e.Revision} {Data(e.Object)}"));
        Assert.Equal("3", ResourceVersion(events[1].Object));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_watch_sees_only_its_resource_and_namespace(bool replayed)
    {
        await using var store = await _backend.OpenAsync();
        (IWatch All, IWatch InDefault, IWatch Services) Start() =>
            (store.Watch(Pods, null, 0), store.Watch(Pods, "default", 0), store.Watch("core/services", null, 0));
        var watches = replayed ? default : Start();
        await store.CommitAsync(Create("default", "a"));
        await store.CommitAsync(Create("other", "b"));
        await store.CommitAsync(Create("default", "s", resource: "core/services"));
        await store.CommitAsync(Create("default", "c"));
        if (replayed) watches = Start();
        var (all, inDefault, services) = watches;

        Assert.Equal(["a", "b", "c"], (await Take(all, 3)).Select(e => e.Object.Name));
        Assert.Equal(["a", "c"], (await Take(inDefault, 2)).Select(e => e.Object.Name));
        Assert.Equal(["s"], (await Take(services, 1)).Select(e => e.Object.Name));
        Assert.Empty(Drain(inDefault));
        Assert.Empty(Drain(services));
        foreach (var watch in new[] { all, inDefault, services }) watch.Dispose();
    }

    [Fact]
    public async Task A_watch_from_a_future_revision_skips_events_up_to_it()
    {
        await using var store = await _backend.OpenAsync();
        using var watch = store.Watch(Pods, null, 2);
        for (var i = 0; i < 4; i++) await store.CommitAsync(Create("default", $"p{i}"));
        Assert.Equal([3L, 4L], (await Take(watch, 2)).Select(e => e.Revision));
    }

    [Fact]
    public async Task A_watch_older_than_the_change_log_is_refused()
    {
        await using var store = await _backend.OpenAsync(new StoreOptions { ChangeLogCapacity = 3 });
        for (var i = 0; i < 5; i++) await store.CommitAsync(Create("default", $"p{i}"));
        Assert.Equal(2, store.OldestWatchableRevision);

        var tooOld = Assert.Throws<StoreRevisionTooOldException>(() => store.Watch(Pods, null, 1));
        Assert.Equal((1L, 2L), (tooOld.Requested, tooOld.Oldest));
        using var oldest = store.Watch(Pods, null, 2);
        Assert.Equal([3L, 4L, 5L], (await Take(oldest, 3)).Select(e => e.Revision));
    }

    [Fact]
    public async Task The_change_log_is_also_bounded_by_bytes()
    {
        await using var store = await _backend.OpenAsync(new StoreOptions { ChangeLogMaxBytes = 500 });
        for (var i = 0; i < 20; i++) await store.CommitAsync(Create("default", $"p{i}", data: new string('x', 100)));
        Assert.InRange(store.OldestWatchableRevision, 15, 19);
        Assert.Throws<StoreRevisionTooOldException>(() => store.Watch(Pods, null, 10));
    }

    [Fact]
    public async Task A_watcher_that_falls_too_far_behind_is_cut_off()
    {
        await using var store = await _backend.OpenAsync(new StoreOptions { WatchBufferLimit = 5 });
        using var slow = store.Watch(Pods, null, 0);
        using var other = store.Watch(Pods, null, 0);
        for (var i = 0; i < 10; i++)
        {
            await store.CommitAsync(Create("default", $"p{i}"));
            Drain(other);
        }

        // It still gets what was buffered before the cut, then its channel completes.
        Assert.Equal(6, Drain(slow).Count);
        Assert.True(slow.Events.Completion.IsCompleted);
        Assert.False(other.Events.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_replayed_backlog_does_not_count_against_the_buffer_limit()
    {
        await using var store = await _backend.OpenAsync(new StoreOptions { WatchBufferLimit = 5 });
        for (var i = 0; i < 20; i++) await store.CommitAsync(Create("default", $"p{i}"));
        using var watch = store.Watch(Pods, null, 0);
        await store.CommitAsync(Create("default", "live"));
        Assert.Equal(21, (await Take(watch, 21)).Count);
    }

    [Fact]
    public async Task Disposing_a_watch_or_the_store_completes_its_channel()
    {
        var store = await _backend.OpenAsync();
        var disposed = store.Watch(Pods, null, 0);
        var open = store.Watch(Pods, null, 0);
        disposed.Dispose();
        await store.CommitAsync(Create("default", "a"));
        await disposed.Events.Completion;
        Assert.Empty(Drain(disposed));

        await store.DisposeAsync();
        // Completion means "completed and drained".
        Assert.Single(Drain(open));
        await open.Events.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Throws<ObjectDisposedException>(() => store.Watch(Pods, null, 0));
    }

    [Fact]
    public async Task Watches_started_during_concurrent_writes_get_every_later_event_exactly_once()
    {
        await using var store = await _backend.OpenAsync();
        const int writes = 1500;
        var writer = Task.Run(async () =>
        {
            var inFlight = new List<Task>();
            for (var i = 0; i < writes; i++)
            {
                inFlight.Add(store.CommitAsync(Create($"ns{i % 5}", $"p{i}")));
                if (inFlight.Count == 16) { await Task.WhenAll(inFlight); inFlight.Clear(); }
            }
            await Task.WhenAll(inFlight);
        });

        // The list-then-watch pattern of every client: list at some revision, watch after it.
        var watches = new List<(long From, IWatch Watch)>();
        while (!writer.IsCompleted && watches.Count < 200)
        {
            var from = store.List(Pods, null).Revision;
            watches.Add((from, store.Watch(Pods, null, from)));
            await Task.Delay(1);
        }
        await writer;
        Assert.True(watches.Count > 1);

        foreach (var (from, watch) in watches)
        {
            var events = await Take(watch, (int)(writes - from));
            Assert.Equal(Enumerable.Range((int)from + 1, writes - (int)from).Select(r => (long)r), events.Select(e => e.Revision));
            Assert.Empty(Drain(watch));
            watch.Dispose();
        }
    }

    public void Dispose() => _backend.Dispose();
}

public sealed class MemoryWatchTests : WatchTests<MemoryBackend>;
public sealed class SqliteWatchTests : WatchTests<SqliteBackend>;
