// One in-process API server (SQLite store in a temp dir) shared by the tests of a class.
using Kinet.Store.Sqlite;

namespace Kinet.Api.Tests.Support;

public class ApiServerFixture : IAsyncLifetime
{
    protected virtual SqliteStoreOptions StoreOptions => new();
    protected virtual TimeSpan? BookmarkInterval => null;

    private string? _dir;
    public TestApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("kinet-store-").FullName;
        Server = await TestApiServer.StartAsync(await SqliteObjectStore.OpenAsync(Path.Combine(_dir, "store.db"), StoreOptions), BookmarkInterval);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_dir is not null) Directory.Delete(_dir, true);
    }

    public Task<CommandResult> Kubectl(params string[] args) => Server.KubectlAsync(args);

    public Task<CommandResult> KubectlIn(string stdin, params string[] args) => Server.KubectlWithInputAsync(stdin, args);

    /// <summary>Runs kubectl and asserts it succeeded; returns stdout.</summary>
    public async Task<string> Ok(params string[] args)
    {
        var r = await Server.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)}\n{r}");
        return r.Stdout;
    }

    public async Task<string> OkIn(string stdin, params string[] args)
    {
        var r = await Server.KubectlWithInputAsync(stdin, args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)}\n{r}");
        return r.Stdout;
    }

    /// <summary>Runs kubectl and asserts it failed; returns stderr.</summary>
    public async Task<string> Fails(params string[] args)
    {
        var r = await Server.KubectlAsync(args);
        Assert.True(r.ExitCode != 0, $"expected failure: kubectl {string.Join(' ', args)}\n{r}");
        return r.Stderr;
    }

    public async Task<string> FailsIn(string stdin, params string[] args)
    {
        var r = await Server.KubectlWithInputAsync(stdin, args);
        Assert.True(r.ExitCode != 0, $"expected failure: kubectl {string.Join(' ', args)}\n{r}");
        return r.Stderr;
    }
}

/// <summary>
/// A server whose change log keeps few events, so that old resourceVersions expire quickly (410 Gone), and whose watches
/// get a bookmark every half second.
/// </summary>
public sealed class ShortHistoryApiServerFixture : ApiServerFixture
{
    protected override SqliteStoreOptions StoreOptions => new() { ChangeLogCapacity = 20 };
    protected override TimeSpan? BookmarkInterval => TimeSpan.FromMilliseconds(500);
}
