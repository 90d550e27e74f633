// What a committed write stores and returns, on every backend: revisions, built bytes, deletes, Build failures, batching.
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public abstract class WriteTests<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();

    [Fact]
    public async Task An_empty_store_is_at_revision_zero()
    {
        await using var store = await _backend.OpenAsync();
        Assert.Equal(0, store.Revision);
        Assert.Null(store.Get(Pods, "default", "a"));
        Assert.Empty(store.List(Pods, null).Items);
    }

    [Fact]
    public async Task Each_write_takes_the_next_store_wide_revision_across_resources()
    {
        await using var store = await _backend.OpenAsync();
        var a = await store.CommitAsync(Create("default", "a"));
        var svc = await store.CommitAsync(Create("default", "a", resource: "core/services"));
        var a2 = await store.CommitAsync(Update("default", "a"));
        Assert.Equal([1L, 2L, 3L], [a.Revision, svc.Revision, a2.Revision]);
        Assert.Equal(3, store.Revision);
    }

    [Fact]
    public async Task Build_is_given_the_assigned_revision_and_its_bytes_are_stored()
    {
        await using var store = await _backend.OpenAsync();
        await store.CommitAsync(Create("default", "x"));
        var result = await store.CommitAsync(Create("default", "a", data: "hello"));
        var got = store.Get(Pods, "default", "a")!;
        Assert.Equal(result, got);
        Assert.Equal(("hello", "2", 2L), (Data(got), ResourceVersion(got), got.Revision));
    }

    [Fact]
    public async Task An_update_replaces_the_stored_bytes()
    {
        await using var store = await _backend.OpenAsync();
        await store.CommitAsync(Create("default", "a", data: "one"));
        await store.CommitAsync(Update("default", "a", data: "two"));
        Assert.Equal("two", Data(store.Get(Pods, "default", "a")!));
    }

    [Theory]
    [InlineData(true, "deleted", "3")]
    [InlineData(false, "one", "1")]
    public async Task A_delete_returns_the_final_state_from_Build_or_else_the_last_bytes(bool build, string data, string resourceVersion)
    {
        await using var store = await _backend.OpenAsync();
        await store.CommitAsync(Create("default", "a", data: "one"));
        await store.CommitAsync(Create("default", "b"));
        var deleted = await store.CommitAsync(Delete("default", "a", build: build));
        Assert.Equal((3L, data, resourceVersion), (deleted.Revision, Data(deleted), ResourceVersion(deleted)));
        Assert.Null(store.Get(Pods, "default", "a"));
        Assert.NotNull(store.Get(Pods, "default", "b"));
    }

    [Fact]
    public async Task A_throwing_Build_fails_only_its_own_write_and_uses_no_revision()
    {
        await using var store = await _backend.OpenAsync();
        var boom = new InvalidOperationException("boom");
        // Queued together so that they are likely to share a batch; the outcome must not depend on it.
        var first = store.CommitAsync(Create("default", "a"));
        var failing = store.CommitAsync(new Mutation(Pods, "default", "b", MutationKind.Create) { Build = _ => throw boom });
        var third = store.CommitAsync(Create("default", "c"));

        Assert.Same(boom, await Assert.ThrowsAsync<InvalidOperationException>(() => failing));
        Assert.Equal((1L, 2L), ((await first).Revision, (await third).Revision));
        Assert.Null(store.Get(Pods, "default", "b"));
        Assert.Equal(2, store.Revision);
    }

    [Fact]
    public async Task Later_writes_queued_together_see_earlier_ones()
    {
        await using var store = await _backend.OpenAsync();
        var tasks = new List<Task<StoredObject>>();
        for (var i = 0; i < 200; i++)
        {
            // Revisions are dense, so write 3i+1 creates, 3i+2 updates with the create's revision as precondition, 3i+3 deletes.
            tasks.Add(store.CommitAsync(Create("default", $"p{i}")));
            tasks.Add(store.CommitAsync(Update("default", $"p{i}", expected: 3 * i + 1)));
            tasks.Add(store.CommitAsync(Delete("default", $"p{i}", expected: 3 * i + 2)));
        }
        var results = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(1, 600).Select(r => (long)r), results.Select(r => r.Revision));
        Assert.Empty(store.List(Pods, null).Items);
    }

    [Fact]
    public async Task A_write_needs_Build_unless_it_is_a_delete()
    {
        await using var store = await _backend.OpenAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(new Mutation(Pods, "default", "a", MutationKind.Create)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(new Mutation(Pods, "default", "a", MutationKind.Update)));
    }

    public void Dispose() => _backend.Dispose();
}

public sealed class MemoryWriteTests : WriteTests<MemoryBackend>;
public sealed class SqliteWriteTests : WriteTests<SqliteBackend>;
