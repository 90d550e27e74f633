// The registry strategies' PrepareForCreate / PrepareForUpdate and the default admission plugins' mutations, per kind.
using System.Text.Json.Nodes;
using Kinet.Api.Resources;
using Kinet.Api.Validation;

namespace Kinet.Api.Defaulting;

internal static class StrategyPrep
{
    /// <summary>Kinds whose metadata.generation counts spec changes (starts at 1).</summary>
    private static readonly HashSet<(string, string)> Generational =
    [
        ("apps", "Deployment"), ("apps", "ReplicaSet"), ("networking.k8s.io", "NetworkPolicy"), ("networking.k8s.io", "Ingress"),
        ("networking.k8s.io", "IngressClass"), ("discovery.k8s.io", "EndpointSlice"),
    ];

    public static void ForCreate(ResourceInfo r, JsonObject obj)
    {
        var meta = obj.Child("metadata");
        if (meta is not null && Generational.Contains((r.Group, r.Kind))) meta["generation"] = 1;
        switch (r.Group, r.Kind)
        {
            case ("", "Pod"):
                PreparePod(obj);
                break;
            case ("", "Service"):
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case ("networking.k8s.io", "Ingress"):
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case ("apps", "Deployment") or ("apps", "ReplicaSet"):
                obj["status"] = new JsonObject();
                break;
            case ("", "Namespace"):
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                if (obj.Child("spec") is { } spec)
                {
                    if (spec.Arr("finalizers") is not { } finalizers)
                    {
                        finalizers = [];
                        spec["finalizers"] = finalizers;
                    }
                    if (!finalizers.Strings().Any(f => f.Value == "kubernetes")) finalizers.Add("kubernetes");
                }
                break;
        }
    }

    private static void PreparePod(JsonObject pod)
    {
        if (pod.Child("spec") is not { } spec) return;
        // Priority admission: no priorityClassName means priority 0 and the default preemption policy.
        spec.Default("priority", 0);
        spec.DefaultString("preemptionPolicy", "PreemptLowerPriority");
        // ServiceAccount admission: the namespace's "default" account (Kinet mounts no token volume).
        spec.DefaultString("serviceAccountName", "default");
        spec["serviceAccount"] = spec.S("serviceAccountName");
        // DefaultTolerationSeconds admission: tolerate not-ready/unreachable nodes for 300s unless told otherwise.
        var tolerations = spec.Arr("tolerations");
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var present = tolerations.Objects().Any(t => t.Item.S("key") is var k && (k == key || k.Length == 0) && t.Item.S("effect") is "NoExecute" or "");
            if (present) continue;
            if (tolerations is null)
            {
                tolerations = [];
                spec["tolerations"] = tolerations;
            }
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 });
        }
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodDefaults.QosClass(spec) };
    }

    public static void ForUpdate(ResourceInfo r, JsonObject newObj, JsonObject oldObj)
    {
        var n = newObj.Child("metadata");
        var o = oldObj.Obj("metadata");
        if (n is not null && o is not null)
        {
            if (!n.Has("uid") && o["uid"] is { } uid) n["uid"] = uid.DeepClone();
            if (o["creationTimestamp"] is { } ts) n["creationTimestamp"] = ts.DeepClone();
            if (o["deletionGracePeriodSeconds"] is { } grace && !n.Has("deletionGracePeriodSeconds")) n["deletionGracePeriodSeconds"] = grace.DeepClone();
            var generation = o.Int("generation");
            if (Generational.Contains((r.Group, r.Kind)) && SpecChanged(r, newObj, oldObj)) generation = (generation ?? 0) + 1;
            if (generation is { } g) n["generation"] = g;
            else n.Remove("generation");
        }
        // With a status subresource, the main resource cannot change status.
        if (r.HasStatus)
        {
            if (oldObj["status"] is { } status) newObj["status"] = status.DeepClone();
            else newObj.Remove("status");
        }
        if (r is { Group: "", Kind: "Namespace" } && newObj.Child("spec") is { } nsSpec)
        {
            if (oldObj.Obj("spec")?["finalizers"] is { } f) nsSpec["finalizers"] = f.DeepClone();
            else nsSpec.Remove("finalizers");
        }
        if (r is { Group: "", Kind: "Service" }) PatchAllocatedValues(newObj.Obj("spec"), oldObj.Obj("spec"));
    }

    private static bool SpecChanged(ResourceInfo r, JsonObject n, JsonObject o)
    {
        if (r.Kind == "EndpointSlice")
            return !JsonRead.Same(n["endpoints"], o["endpoints"]) || !JsonRead.Same(n["ports"], o["ports"]) || !JsonRead.Same(n["addressType"], o["addressType"]);
        return !JsonRead.Same(n["spec"], o["spec"]);
    }

    /// <summary>A Service update that omits its allocated cluster IPs or node ports keeps the stored ones (REST patchAllocatedValues).</summary>
    private static void PatchAllocatedValues(JsonObject? n, JsonObject? o)
    {
        if (n is null || o is null) return;
        if (n.S("type") != "ExternalName" && o.S("type") != "ExternalName")
        {
            if (n.S("clusterIP").Length == 0 && o["clusterIP"] is { } ip) n["clusterIP"] = ip.DeepClone();
            if (n.Arr("clusterIPs").Count() == 0 && o["clusterIPs"] is { } ips) n["clusterIPs"] = ips.DeepClone();
        }
        bool NeedsNodePort(JsonObject s) => s.S("type") == "NodePort" || (s.S("type") == "LoadBalancer" && s.Bool("allocateLoadBalancerNodePorts") != false);
        if (NeedsNodePort(n) && NeedsNodePort(o))
        {
            static HashSet<long> Used(JsonObject s) => s.Items("ports").Select(p => p.Int("nodePort") ?? 0).Where(p => p != 0).ToHashSet();
            var used = Used(o);
            used.IntersectWith(Used(n));
            var byName = new Dictionary<string, long>();
            foreach (var p in o.Items("ports")) byName[p.S("name")] = p.Int("nodePort") ?? 0;
            foreach (var p in n.Items("ports"))
                if ((p.Int("nodePort") ?? 0) == 0 && byName.TryGetValue(p.S("name"), out var old) && old != 0 && !used.Contains(old))
                    p["nodePort"] = old;
        }
        if (n.S("type") == "LoadBalancer" && n.S("externalTrafficPolicy") == "Local" && o.S("type") == "LoadBalancer" &&
            o.S("externalTrafficPolicy") == "Local" && (n.Int("healthCheckNodePort") ?? 0) == 0 && o["healthCheckNodePort"] is { } hc)
            n["healthCheckNodePort"] = hc.DeepClone();
    }
}
