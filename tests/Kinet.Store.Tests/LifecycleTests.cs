// Cancellation and shutdown on every backend: a cancelled write is never applied, pending writes fail when the store closes.
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public abstract class LifecycleTests<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();

    /// <summary>A create whose Build blocks the writer until released, so later writes stay queued.</summary>
    private sealed class BlockingCreate
    {
        public readonly ManualResetEventSlim Entered = new(), Release = new();
        public Mutation Mutation => new(Pods, "default", "blocker", MutationKind.Create)
        {
            Build = rev => { Entered.Set(); Release.Wait(); return Json("default", "blocker", rev, "v"); },
        };
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_is_never_applied()
    {
        await using var store = await _backend.OpenAsync();
        var blocker = new BlockingCreate();
        var first = store.CommitAsync(blocker.Mutation);
        blocker.Entered.Wait();
        using var cts = new CancellationTokenSource();
        var cancelled = store.CommitAsync(Create("default", "a"), cts.Token);
        cts.Cancel();
        blocker.Release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, (await first).Revision);
        Assert.Equal(2, (await store.CommitAsync(Create("default", "b"))).Revision);
        Assert.Null(store.Get(Pods, "default", "a"));
    }

    [Fact]
    public async Task Closing_the_store_finishes_the_write_in_progress_and_fails_queued_ones()
    {
        var store = await _backend.OpenAsync();
        var blocker = new BlockingCreate();
        var inProgress = store.CommitAsync(blocker.Mutation);
        blocker.Entered.Wait();
        var queued = store.CommitAsync(Create("default", "a"));
        var closing = store.DisposeAsync().AsTask();
        blocker.Release.Set();
        await closing;

        Assert.Equal(1, (await inProgress).Revision);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CommitAsync(Create("default", "b")));
        await store.DisposeAsync(); // twice is fine
    }

    public void Dispose() => _backend.Dispose();
}

public sealed class MemoryLifecycleTests : LifecycleTests<MemoryBackend>;
public sealed class SqliteLifecycleTests : LifecycleTests<SqliteBackend>;
