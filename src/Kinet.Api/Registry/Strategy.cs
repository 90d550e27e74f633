// Per-resource behaviour of the generic registry, as kube-apiserver's strategies declare it:
// which kinds get generation, which reset status on create, which may be created by PUT, how pods delete gracefully.
using System.Text.Json.Nodes;
using Kinet.Api.Resources;

namespace Kinet.Api.Registry;

public static class Strategy
{
    private static readonly HashSet<string> Generational = ["deployments", "replicasets", "networkpolicies", "ingresses", "endpointslices", "ingressclasses"];
    private static readonly HashSet<string> CreateOnUpdate = ["events", "endpoints", "leases", "endpointslices"];

    /// <summary>Kinds whose metadata.generation counts spec changes.</summary>
    public static bool HasGeneration(ResourceInfo r) => Generational.Contains(r.Plural);

    /// <summary>PUT of a missing object creates it (rest.RESTUpdateStrategy.AllowCreateOnUpdate).</summary>
    public static bool AllowCreateOnUpdate(ResourceInfo r) => CreateOnUpdate.Contains(r.Plural);

    /// <summary>Resets what a client may not set on create (PrepareForCreate).</summary>
    public static void PrepareForCreate(ResourceInfo r, JsonObject obj)
    {
        var meta = Meta.Metadata(obj);
        if (HasGeneration(r)) meta["generation"] = 1;
        else meta.Remove("generation");
        switch (r.Plural)
        {
            case "pods":
                obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(obj) };
                if (obj["spec"] is JsonObject spec)
                {
                    // ServiceAccount admission: pods run as the namespace's default service account unless told otherwise.
                    if (Meta.Str(spec["serviceAccountName"]) is null or "") spec["serviceAccountName"] = "default";
                    spec["serviceAccount"] = spec["serviceAccountName"]!.GetValue<string>();
                }
                break;
            case "services":
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "deployments":
            case "replicasets":
            case "ingresses":
                obj["status"] = new JsonObject();
                if (r.Plural == "ingresses") obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "namespaces":
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "networkpolicies":
                obj.Remove("status");
                break;
        }
    }

    /// <summary>Carries over what a main-resource update may not change (status, for kinds with a status subresource) and bumps generation.</summary>
    public static void PrepareForUpdate(ResourceInfo r, JsonObject obj, JsonObject old)
    {
        if (r.HasStatus)
        {
            if (old["status"] is JsonNode s) obj["status"] = s.DeepClone();
            else obj.Remove("status");
        }
        if (r.Plural == "namespaces" && old["spec"] is JsonNode finalizers)
            obj["spec"] = finalizers.DeepClone(); // spec.finalizers only change through /finalize
        BumpGeneration(r, obj, old);
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

    public static void BumpGeneration(ResourceInfo r, JsonObject obj, JsonObject old)
    {
        var meta = Meta.Metadata(obj);
        if (!HasGeneration(r)) { meta.Remove("generation"); return; }
        var gen = Meta.Generation(old);
        if (gen == 0) gen = 1;
        if (!JsonNode.DeepEquals(obj["spec"], old["spec"])) gen++;
        meta["generation"] = gen;
    }

    private static string QosClass(JsonObject pod)
    {
        // Guaranteed when every container has equal requests and limits for cpu and memory; BestEffort when none set any.
        var containers = (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
        bool any = false, guaranteed = containers.Length > 0;
        foreach (var c in containers)
        {
            var req = c["resources"]?["requests"] as JsonObject;
            var lim = c["resources"]?["limits"] as JsonObject;
            if ((req?.Count ?? 0) > 0 || (lim?.Count ?? 0) > 0) any = true;
            foreach (var res in new[] { "cpu", "memory" })
            {
                var l = lim?[res]?.ToJsonString();
                var q = req?[res]?.ToJsonString() ?? l;
                if (l is null || q != l) guaranteed = false;
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
