// List on every backend: (namespace, name) order, namespace scope, after/limit paging and filters.
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public abstract class ListTests<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();

    // Inserted out of order on purpose; "b-" sorts before "b" only if names are compared per part, not as "ns/name".
    private static readonly string[] Keys = ["kube-system/dns", "default/b", "a/z", "default/a", "b/a", "b-/a", "default/c", "kube-system/api"];

    private async Task<IObjectStore> OpenWithObjectsAsync()
    {
        var store = await _backend.OpenAsync();
        foreach (var key in Keys) await store.CommitAsync(Create(key.Split('/')[0], key.Split('/')[1], data: key));
        await store.CommitAsync(Create("", "node1", resource: "core/nodes"));
        return store;
    }

    public static TheoryData<string?, string?, int, string, string?> Pages => new()
    {
        // namespace, after, limit → keys returned, continue
        { null, null, 0, "a/z b/a b-/a default/a default/b default/c kube-system/api kube-system/dns", null },
        { "default", null, 0, "default/a default/b default/c", null },
        { "nothing", null, 0, "", null },
        { null, null, 3, "a/z b/a b-/a", "b-/a" },
        { null, "b-/a", 3, "default/a default/b default/c", "default/c" },
        { null, "default/c", 3, "kube-system/api kube-system/dns", null },
        { "default", null, 2, "default/a default/b", "default/b" },
        { "default", "default/b", 2, "default/c", null },
        { "default", "a/z", 0, "default/a default/b default/c", null },
        { null, "default/bb", 0, "default/c kube-system/api kube-system/dns", null },
        { "default", "default/c", 0, "", null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task List_returns_objects_in_namespace_then_name_order_after_the_given_key(string? ns, string? after, int limit, string keys, string? continueAfter)
    {
        await using var store = await OpenWithObjectsAsync();
        var result = store.List(Pods, ns, after, limit);
        Assert.Equal(keys, string.Join(' ', result.Items.Select(Data)));
        Assert.Equal(continueAfter, result.ContinueAfter);
        Assert.Equal(store.Revision, result.Revision);
    }

    [Fact]
    public async Task Cluster_scoped_objects_list_with_their_name_as_key()
    {
        await using var store = await OpenWithObjectsAsync();
        await store.CommitAsync(Create("", "node2", resource: "core/nodes"));
        var page = store.List("core/nodes", null, limit: 1);
        Assert.Equal("node1", page.ContinueAfter);
        Assert.Equal("node2", Assert.Single(store.List("core/nodes", null, page.ContinueAfter).Items).Name);
        Assert.NotNull(store.Get("core/nodes", "", "node1"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task Paging_with_a_filter_returns_every_match_exactly_once(int limit)
    {
        await using var store = await _backend.OpenAsync();
        for (var i = 0; i < 40; i++) await store.CommitAsync(Create($"ns{i % 3}", $"p{i:D2}", data: (i % 4 == 0).ToString()));
        Func<StoredObject, bool> filter = o => Data(o) == "True";
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = store.List(Pods, null, after, limit, filter);
            Assert.True(page.Items.Count <= limit);
            seen.AddRange(page.Items.Select(o => $"{o.Namespace}/{o.Name}"));
            after = page.ContinueAfter;
            Assert.True(++pages <= 41, "paging does not end");
        } while (after is not null);
        var expected = store.List(Pods, null).Items.Where(filter).Select(o => $"{o.Namespace}/{o.Name}");
        Assert.Equal(expected, seen);
        Assert.Equal(10, seen.Count);
    }

    [Fact]
    public async Task A_list_is_a_snapshot_unaffected_by_later_writes()
    {
        await using var store = await OpenWithObjectsAsync();
        var before = store.List(Pods, "default");
        await store.CommitAsync(Delete("default", "a"));
        await store.CommitAsync(Create("default", "d"));
        Assert.Equal(["a", "b", "c"], before.Items.Select(o => o.Name));
        Assert.Equal(["b", "c", "d"], store.List(Pods, "default").Items.Select(o => o.Name));
    }

    public void Dispose() => _backend.Dispose();
}

public sealed class MemoryListTests : ListTests<MemoryBackend>;
public sealed class SqliteListTests : ListTests<SqliteBackend>;
