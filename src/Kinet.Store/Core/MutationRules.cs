// What one mutation does to the current object: the precondition checks and the resulting event. Pure, so the batch
// writer can apply it against objects written earlier in the same batch.
namespace Kinet.Store.Core;

internal static class MutationRules
{
    /// <summary>The change <paramref name="m"/> makes at <paramref name="revision"/>; throws the store exception when its precondition fails, or whatever Build throws.</summary>
    public static ChangeEvent Apply(Mutation m, StoredObject? current, long revision)
    {
        switch (m.Kind)
        {
            case MutationKind.Create:
                if (current is not null) throw new StoreAlreadyExistsException(m.Resource, m.Namespace, m.Name);
                return new ChangeEvent(ChangeType.Added, new StoredObject(m.Resource, m.Namespace, m.Name, revision, Build(m, revision)));
            case MutationKind.Update:
                CheckExists(m, current);
                return new ChangeEvent(ChangeType.Modified, new StoredObject(m.Resource, m.Namespace, m.Name, revision, Build(m, revision)), current);
            case MutationKind.Delete:
                CheckExists(m, current);
                var last = m.Build is null ? current.Json : Build(m, revision);
                return new ChangeEvent(ChangeType.Deleted, new StoredObject(m.Resource, m.Namespace, m.Name, revision, last), current);
            default:
                throw new ArgumentOutOfRangeException(nameof(m), m.Kind, "unknown mutation kind");
        }
    }

    private static void CheckExists(Mutation m, [System.Diagnostics.CodeAnalysis.NotNull] StoredObject? current)
    {
        if (current is null) throw new StoreNotFoundException(m.Resource, m.Namespace, m.Name);
        if (m.ExpectedRevision is { } expected && expected != current.Revision)
            throw new StoreConflictException(m.Resource, m.Namespace, m.Name, expected, current.Revision);
    }

    private static byte[] Build(Mutation m, long revision) =>
        m.Build!(revision) ?? throw new InvalidOperationException($"Build for {m.Resource} {m.Namespace}/{m.Name} returned null");
}
