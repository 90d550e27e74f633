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

/// <summary>A change; informers also give the object as they had it before (<paramref name="Old"/>) for Modified and Deleted.</summary>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object, JsonObject? Old = null);

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

    /// <summary>
    /// Deletes as `kubectl delete` does (graceful pods and finalizers leave the object marked, not gone), with the
    /// metav1.DeleteOptions controllers use: grace period, propagation policy, UID precondition (409 when it fails).
    /// </summary>
    Task DeleteAsync(ResourceRef resource, string? ns, string name, ObjectDeleteOptions? options = null, CancellationToken ct = default);

    /// <summary>pods/binding: sets the pod's spec.nodeName, once (409 when it is already bound, 404 when gone).</summary>
    Task BindAsync(string ns, string pod, string node, string manager, CancellationToken ct = default);
}

/// <summary>The parts of metav1.DeleteOptions controllers use. PropagationPolicy: "Background", "Foreground", "Orphan" or null (the resource's default).</summary>
public sealed record ObjectDeleteOptions(long? GracePeriodSeconds = null, string? PropagationPolicy = null, string? PreconditionUid = null)
{
    public static readonly ObjectDeleteOptions Default = new();
}

public interface IWatchStream : IDisposable
{
    System.Threading.Channels.ChannelReader<WatchEvent> Events { get; }
}

/// <summary>The object changed since it was read (409 Conflict): re-read and try again.</summary>
public sealed class ObjectConflictException(string message) : Exception(message);

/// <summary>The object does not exist (404).</summary>
public sealed class ObjectNotFoundException(string message) : Exception(message);
