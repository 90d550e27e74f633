// metav1.DeleteOptions as the registry uses them.
using System.Text.Json.Nodes;

namespace Kinet.Api.Registry;

public sealed record DeleteOptions
{
    public long? GracePeriodSeconds { get; init; }
    public string? PropagationPolicy { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    public bool DryRun { get; init; }

    public static DeleteOptions FromJson(JsonObject? body, DeleteOptions fromQuery)
    {
        if (body is null) return fromQuery;
        return fromQuery with
        {
            GracePeriodSeconds = body["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gs) ? gs : fromQuery.GracePeriodSeconds,
            PropagationPolicy = Meta.Str(body["propagationPolicy"]) ?? fromQuery.PropagationPolicy,
            PreconditionUid = Meta.Str(body["preconditions"]?["uid"]) ?? fromQuery.PreconditionUid,
            PreconditionResourceVersion = Meta.Str(body["preconditions"]?["resourceVersion"]) ?? fromQuery.PreconditionResourceVersion,
            DryRun = fromQuery.DryRun || (body["dryRun"] as JsonArray)?.Any(x => Meta.Str(x) == "All") == true,
        };
    }
}
