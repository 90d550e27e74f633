// What survives closing and reopening a SQLite store: objects, the revision (even when the last write was a delete),
// and the rule that a reopened store's watch log starts empty.
using Kinet.Store.Sqlite;
using Microsoft.Data.Sqlite;
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Path => _dir.File("kinet.db");

    [Fact]
    public async Task Reopening_finds_every_object_as_last_written()
    {
        await using (var store = await SqliteObjectStore.OpenAsync(Path))
        {
            await store.CommitAsync(Create("default", "a", data: "one"));
            await store.CommitAsync(Update("default", "a", data: "two"));
            await store.CommitAsync(Create("kube-system", "b"));
            await store.CommitAsync(Create("", "node1", resource: "core/nodes"));
            await store.CommitAsync(Create("default", "gone"));
            await store.CommitAsync(Delete("default", "gone"));
        }

        await using var reopened = await SqliteObjectStore.OpenAsync(Path);
        Assert.Equal(["default/a@2:two", "kube-system/b@3:v"],
            reopened.List(Pods, null).Items.Select(o => $"{o.Namespace}/{o.Name}@{o.Revision}:{Data(o)}"));
        Assert.Equal("2", ResourceVersion(reopened.Get(Pods, "default", "a")!));
        Assert.NotNull(reopened.Get("core/nodes", "", "node1"));
        Assert.Null(reopened.Get(Pods, "default", "gone"));
    }

    [Fact]
    public async Task The_revision_never_goes_back_across_restarts_even_after_deletes()
    {
        await using (var store = await SqliteObjectStore.OpenAsync(Path))
        {
            await store.CommitAsync(Create("default", "a"));
            await store.CommitAsync(Create("default", "b"));
            await store.CommitAsync(Delete("default", "b"));
            await store.CommitAsync(Delete("default", "a"));
        }
        await using (var store = await SqliteObjectStore.OpenAsync(Path))
        {
            Assert.Equal(4, store.Revision);
            Assert.Equal(5, (await store.CommitAsync(Create("default", "a"))).Revision);
        }
        await using (var store = await SqliteObjectStore.OpenAsync(Path))
            Assert.Equal(5, store.Revision);
    }

    [Fact]
    public async Task A_reopened_store_can_only_be_watched_from_its_current_revision()
    {
        await using (var store = await SqliteObjectStore.OpenAsync(Path))
            for (var i = 0; i < 3; i++) await store.CommitAsync(Create("default", $"p{i}"));

        await using var reopened = await SqliteObjectStore.OpenAsync(Path);
        Assert.Equal(3, reopened.OldestWatchableRevision);
        Assert.Throws<StoreRevisionTooOldException>(() => reopened.Watch(Pods, null, 2));
        using var watch = reopened.Watch(Pods, null, 3);
        await reopened.CommitAsync(Create("default", "p3"));
        Assert.Equal(4, Assert.Single(await Take(watch, 1)).Revision);
    }

    [Fact]
    public async Task A_second_store_cannot_open_a_file_that_is_in_use()
    {
        await using var store = await SqliteObjectStore.OpenAsync(Path);
        await store.CommitAsync(Create("default", "a"));
        var error = await Assert.ThrowsAsync<SqliteException>(() => SqliteObjectStore.OpenAsync(Path));
        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_is_kept_in_WAL_mode()
    {
        await using (var store = await SqliteObjectStore.OpenAsync(Path)) await store.CommitAsync(Create("default", "a"));
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public void Dispose() => _dir.Dispose();
}
