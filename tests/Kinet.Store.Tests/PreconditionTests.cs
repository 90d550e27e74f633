// Create/update/delete preconditions, as a table: writes done first, the write under test, and its outcome.
// Writes read "create ns/name", "update ns/name @rev" (ExpectedRevision), "delete ns/name @rev".
// Outcomes: "Added 3" (event type and revision), or the store exception's name.
namespace Kinet.Store.Tests;

public abstract class PreconditionTests<TBackend> : IDisposable where TBackend : StoreBackend, new()
{
    private readonly TBackend _backend = new();

    public static TheoryData<string[], string, string> Cases => new()
    {
        { [], "create default/a", "Added 1" },
        { ["create default/a"], "create default/a", "StoreAlreadyExistsException" },
        { ["create default/a"], "create other/a", "Added 2" },
        { [], "update default/a", "StoreNotFoundException" },
        { [], "delete default/a", "StoreNotFoundException" },
        { ["create default/a"], "update default/a", "Modified 2" },
        { ["create default/a"], "update default/a @1", "Modified 2" },
        { ["create default/a"], "update default/a @5", "StoreConflictException" },
        { ["create default/a", "update default/a"], "update default/a @1", "StoreConflictException" },
        { ["create default/a", "update default/a"], "update default/a @2", "Modified 3" },
        { ["create default/a"], "delete default/a", "Deleted 2" },
        { ["create default/a"], "delete default/a @1", "Deleted 2" },
        { ["create default/a"], "delete default/a @7", "StoreConflictException" },
        { ["create default/a", "delete default/a"], "update default/a", "StoreNotFoundException" },
        { ["create default/a", "delete default/a"], "delete default/a", "StoreNotFoundException" },
        { ["create default/a", "delete default/a"], "create default/a", "Added 3" },
        { ["create default/a", "create default/b"], "delete default/b @2", "Deleted 3" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_write_succeeds_or_fails_by_its_precondition(string[] setup, string write, string outcome)
    {
        await using var store = await _backend.OpenAsync();
        foreach (var step in setup) await store.CommitAsync(Parse(step));
        var before = store.Revision;

        string actual;
        try
        {
            var result = await store.CommitAsync(Parse(write));
            actual = $"{KindOf(write)} {result.Revision}";
            Assert.Equal(result.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), TestObjects.ResourceVersion(result));
            Assert.Equal(result.Revision, store.Revision);
        }
        catch (StoreException e)
        {
            actual = e.GetType().Name;
            Assert.Equal(before, store.Revision);
        }
        Assert.Equal(outcome, actual);
    }

    public void Dispose() => _backend.Dispose();

    private static string KindOf(string write) => write.Split(' ')[0] switch
    {
        "create" => "Added",
        "update" => "Modified",
        _ => "Deleted",
    };

    private static Mutation Parse(string step)
    {
        var parts = step.Split(' ');
        var (ns, name) = (parts[1].Split('/')[0], parts[1].Split('/')[1]);
        long? expected = parts.Length > 2 ? long.Parse(parts[2].TrimStart('@'), System.Globalization.CultureInfo.InvariantCulture) : null;
        return parts[0] switch
        {
            "create" => TestObjects.Create(ns, name),
            "update" => TestObjects.Update(ns, name, expected: expected),
            "delete" => TestObjects.Delete(ns, name, expected),
            _ => throw new ArgumentException(step),
        };
    }
}

public sealed class MemoryPreconditionTests : PreconditionTests<MemoryBackend>;
public sealed class SqlitePreconditionTests : PreconditionTests<SqliteBackend>;
