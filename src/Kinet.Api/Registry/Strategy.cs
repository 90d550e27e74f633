// Per-resource behaviour of the generic registry that is about storage rather than defaults: which kinds may be created
// by PUT, and what a status update may change. Create/update preparation (status resets, generation, admission defaults)
// lives with the defaulting rules in Kinet.Api.Defaulting.
using System.Text.Json.Nodes;
using Kinet.Api.Defaulting;
using Kinet.Api.Resources;

namespace Kinet.Api.Registry;

public static class Strategy
{
    private static readonly HashSet<string> CreateOnUpdate = ["events", "endpoints", "leases", "endpointslices"];

    /// <summary>PUT of a missing object creates it (rest.RESTUpdateStrategy.AllowCreateOnUpdate).</summary>
    public static bool AllowCreateOnUpdate(ResourceInfo r) => CreateOnUpdate.Contains(r.Plural);

    /// <summary>Scheme defaults, then the create strategy (status reset, generation, admission defaults).</summary>
    public static void PrepareForCreate(ResourceInfo r, JsonObject obj)
    {
        Defaulter.Apply(r, obj);
        Defaulter.PrepareForCreate(r, obj);
    }

    /// <summary>Scheme defaults, then the update strategy (status kept, generation bumped on spec change).</summary>
    public static void PrepareForUpdate(ResourceInfo r, JsonObject obj, JsonObject old)
    {
        Defaulter.Apply(r, obj);
        Defaulter.PrepareForUpdate(r, obj, old);
    }

    /// <summary>A namespace finalize update changes spec.finalizers only.</summary>
    public static JsonObject PrepareForFinalize(JsonObject obj, JsonObject old)
    {
        var result = old.DeepClone().AsObject();
        result["spec"] = new JsonObject { ["finalizers"] = obj["spec"]?["finalizers"]?.DeepClone() ?? new JsonArray() };
        return result;
    }

    /// <summary>A status update changes status only: everything else comes from the stored object.</summary>
    public static JsonObject PrepareForStatusUpdate(JsonObject obj, JsonObject old)
    {
        var result = old.DeepClone().AsObject();
        if (obj["status"] is JsonNode s) result["status"] = s.DeepClone();
        else result.Remove("status");
        // resourceVersion precondition travels with the request.
        Meta.Metadata(result)["resourceVersion"] = Meta.ResourceVersion(obj) is string rv ? rv : Meta.ResourceVersion(old);
        return result;
    }
}
