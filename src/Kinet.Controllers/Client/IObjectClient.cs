// What a controller may do to the cluster: the verbs of a Kubernetes client over JSON objects. In the daemon it is backed
// by the API server's registry (same validation, defaulting and managed fields as kubectl's writes); in tests by a fake.
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Client;

/// <summary>A resource as controllers name it: API group ("" for core) and plural ("pods", "deployments").</summary>
public readonly record struct ResourceRef(string Group, string Plural)
{
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}

public enum WatchEventType { Added, Modified, Deleted }

public sealed record WatchEvent(WatchEventType Type, JsonObject Object);

public sealed record ObjectList(IReadOnlyList<JsonObject> Items, long ResourceVersion);

public interface IObjectClient
{
    JsonObject? Get(ResourceRef resource, string? ns, string name);

    /// <summary>Every object of the resource (in one namespace, or all when null) and the revision the list was read at.</summary>
    ObjectList List(ResourceRef resource, string? ns = null);

    /// <summary>Changes after <paramref name="afterResourceVersion"/>; the reader completes when the watch ends (re-list then).</summary>
    IWatchStream Watch(ResourceRef resource, string? ns, long afterResourceVersion);

    Task<JsonObject> CreateAsync(ResourceRef resource, JsonObject obj, string manager, CancellationToken ct = default);

    /// <summary>Replaces the object (or its status when <paramref name="subresource"/> is "status"); a resourceVersion in obj is a precondition.</summary>
    Task<JsonObject> UpdateAsync(ResourceRef resource, JsonObject obj, string manager, string? subresource = null, CancellationToken ct = default);

    Task DeleteAsync(ResourceRef resource, string? ns, string name, CancellationToken ct = default);
}

public interface IWatchStream : IDisposable
{
    System.Threading.Channels.ChannelReader<WatchEvent> Events { get; }
}

/// <summary>The object changed since it was read (409 Conflict): re-read and try again.</summary>
public sealed class ObjectConflictException(string message) : Exception(message);

/// <summary>The object does not exist (404).</summary>
public sealed class ObjectNotFoundException(string message) : Exception(message);
