// Group commit: writes queued while the writer is busy go to disk together, and a batch the disk refuses fails as a whole.
using Kinet.Store.Core;
using Kinet.Store.Sqlite;
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public sealed class GroupCommitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Writes_queued_while_the_writer_is_busy_are_committed_in_one_transaction()
    {
        await using var store = await SqliteObjectStore.OpenAsync(_dir.File("batch.db"));
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = store.CommitAsync(new Mutation(Pods, "default", "blocker", MutationKind.Create)
        {
            Build = rev => { entered.Set(); release.Wait(); return Json("default", "blocker", rev, "v"); },
        });
        entered.Wait();
        var queued = Enumerable.Range(0, 100).Select(i => store.CommitAsync(Create("default", $"p{i}"))).ToList();
        release.Set();
        await blocker;
        await Task.WhenAll(queued);

        Assert.Equal(2, store.Engine.BatchesCommitted);
        Assert.Equal(101, store.Revision);
    }

    [Fact]
    public async Task A_batch_the_disk_refuses_fails_every_write_in_it_and_changes_nothing()
    {
        var log = new FlakyLog();
        await using var engine = new StoreEngine(log, StoreSnapshot.Empty, new StoreOptions());
        await engine.CommitAsync(Create("default", "a"));
        using var watch = engine.Watch(Pods, null, 1);

        log.Fail = true;
        var refused = await Assert.ThrowsAsync<IOException>(() => engine.CommitAsync(Update("default", "a", data: "lost")));
        Assert.Equal("disk full", refused.Message);
        log.Fail = false;

        Assert.Equal(1, engine.Revision);
        Assert.Equal("v", Data(engine.Get(Pods, "default", "a")!));
        Assert.Empty(Drain(watch));
        Assert.Equal(2, (await engine.CommitAsync(Update("default", "a"))).Revision);
        Assert.Equal([2L], (await Take(watch, 1)).Select(e => e.Revision));
    }

    private sealed class FlakyLog : IDurableLog
    {
        public volatile bool Fail;
        public void Append(IReadOnlyList<ChangeEvent> changes, long revision)
        {
            if (Fail) throw new IOException("disk full");
        }
        public void Dispose() { }
    }

    public void Dispose() => _dir.Dispose();
}
