// The versioned object store every other layer writes through. One backend now (SQLite); etcd later,
// so nothing SQLite-specific may leak through this interface.
namespace Kinet.Store;

/// <summary>One stored object: its JSON (UTF-8, with metadata.resourceVersion equal to Revision) and the revision of its last write.</summary>
public sealed record StoredObject(string Resource, string Namespace, string Name, long Revision, byte[] Json);

public enum ChangeType { Added, Modified, Deleted }

/// <summary>
/// One committed change. For Deleted, Json is the object as it was last stored but with its resourceVersion set to the
/// deletion's revision (as etcd3 watch does in kube-apiserver).
/// </summary>
/// <param name="Previous">The object as it was before this change (null for Added); watchers with selectors need it to turn
/// "stopped matching" into DELETED and "started matching" into ADDED, as the apiserver's watch cache does.</param>
public sealed record ChangeEvent(ChangeType Type, StoredObject Object, StoredObject? Previous = null)
{
    public long Revision => Object.Revision;
}

public enum MutationKind { Create, Update, Delete }

/// <summary>
/// A write. The store serialises all writes; it checks the precondition, assigns the next revision, calls Build with it to
/// get the bytes to store (the caller writes the revision into metadata.resourceVersion there), makes the write durable,
/// and only then makes it visible and completes the task.
/// </summary>
public sealed record Mutation(string Resource, string Namespace, string Name, MutationKind Kind)
{
    /// <summary>Update/Delete: the revision the caller read; a different current revision fails with <see cref="StoreConflictException"/>. Null: no check.</summary>
    public long? ExpectedRevision { get; init; }
    /// <summary>Create/Update: produce the stored JSON for the assigned revision. Delete: produce the final state (may be null to reuse the last).</summary>
    public Func<long, byte[]>? Build { get; init; }
}

public sealed record ListResult(IReadOnlyList<StoredObject> Items, long Revision, string? ContinueAfter);

public interface IObjectStore : IAsyncDisposable
{
    /// <summary>The revision of the newest committed write (0 for an empty store).</summary>
    long Revision { get; }

    StoredObject? Get(string resource, string ns, string name);

    /// <summary>
    /// Objects of a resource (optionally one namespace), ordered by (namespace, name), starting after the key
    /// <paramref name="after"/> ("ns/name"), keeping those that pass <paramref name="filter"/>, at most <paramref name="limit"/> (0 = all).
    /// ContinueAfter is the key of the last returned item when more remain. Revision is the store revision the list was read at.
    /// </summary>
    ListResult List(string resource, string? ns, string? after = null, int limit = 0, Func<StoredObject, bool>? filter = null);

    /// <summary>Commits one write. Throws StoreNotFoundException, StoreAlreadyExistsException or StoreConflictException.</summary>
    Task<StoredObject> CommitAsync(Mutation mutation, CancellationToken ct = default);

    /// <summary>
    /// Changes with revision &gt; <paramref name="afterRevision"/> for a resource (optionally one namespace), in order, until disposed.
    /// Throws <see cref="StoreRevisionTooOldException"/> when the change log no longer reaches back that far.
    /// </summary>
    IWatch Watch(string resource, string? ns, long afterRevision);

    /// <summary>The oldest revision a watch may start after.</summary>
    long OldestWatchableRevision { get; }
}

public interface IWatch : IDisposable
{
    /// <summary>The events, in revision order. Completes when the watch is disposed or the store closes.</summary>
    System.Threading.Channels.ChannelReader<ChangeEvent> Events { get; }
}

public class StoreException(string message) : Exception(message);
public sealed class StoreNotFoundException(string resource, string ns, string name) : StoreException($"{resource} {ns}/{name} not found");
public sealed class StoreAlreadyExistsException(string resource, string ns, string name) : StoreException($"{resource} {ns}/{name} already exists");
public sealed class StoreConflictException(string resource, string ns, string name, long expected, long actual)
    : StoreException($"{resource} {ns}/{name}: expected revision {expected}, found {actual}");
public sealed class StoreRevisionTooOldException(long requested, long oldest)
    : StoreException($"too old resource version: {requested} ({oldest})")
{
    public long Requested => requested;
    public long Oldest => oldest;
}
