// What the EndpointSlice reconciler decided for one Service: the writes to make, and the slices that exist afterwards.
using System.Text.Json.Nodes;

namespace Kinet.Model.Endpoints;

/// <param name="Create">New slices (name already generated; generateName kept for the record).</param>
/// <param name="Update">Full replacement objects for existing slices (same name; carry resourceVersion when the existing one did,
/// except a create turned into an update of a slice that would otherwise be deleted, which upstream writes unconditionally).</param>
/// <param name="Delete">Existing slices to delete.</param>
/// <param name="Desired">Every managed slice of the Service once the writes are done (unchanged ones included).</param>
/// <param name="PodsOnUnknownNodes">Pods left out because their node is not known (upstream requeues the Service for them).</param>
public sealed record EndpointSliceChanges(
    IReadOnlyList<JsonObject> Create,
    IReadOnlyList<JsonObject> Update,
    IReadOnlyList<JsonObject> Delete,
    IReadOnlyList<JsonObject> Desired,
    IReadOnlyList<string> PodsOnUnknownNodes)
{
    public static EndpointSliceChanges None { get; } = new([], [], [], [], []);

    public bool IsEmpty => Create.Count == 0 && Update.Count == 0 && Delete.Count == 0;
}
