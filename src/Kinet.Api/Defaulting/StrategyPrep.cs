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
        if (meta is not null && Generational.Contains((r.Group, r.Kind))) meta["generation"] = JsonWrite.Num(1);
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
        spec.Default("priority", JsonWrite.Num(0));
        spec.DefaultString("preemptionPolicy", "PreemptLowerPriority");
        // ServiceAccount admission: the namespace's "default" account (Kinet mounts no token volume).
        spec.DefaultString("serviceAccountName", "default");
        spec["serviceAccount"] = spec.S("serviceAccountName");
        AddDefaultTolerations(spec);
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodDefaults.QosClass(spec) };
    }

    /// <summary>DefaultTolerationSeconds admission (create and update): tolerate not-ready/unreachable nodes for 300s unless told otherwise.</summary>
    private static void AddDefaultTolerations(JsonObject spec)
    {
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
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = JsonWrite.Num(300) });
        }
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
            if (generation is { } g) n["generation"] = JsonWrite.Num(g);
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
        if (r is { Group: "", Kind: "Service" })
        {
            PatchAllocatedValues(newObj.Obj("spec"), oldObj.Obj("spec"));
            NormalizeClusterIPs(newObj.Obj("spec"), oldObj.Obj("spec"));
            DropTypeDependentFields(newObj.Obj("spec"), oldObj.Obj("spec"));
        }
        if (r is { Group: "", Kind: "Pod" } && newObj.Child("spec") is { } podSpec)
        {
            // Priority admission keeps the priority it set on create; DefaultTolerationSeconds also runs on update.
            foreach (var key in new[] { "priority", "preemptionPolicy" })
                if (!podSpec.Has(key) && oldObj.Obj("spec")?[key] is { } v) podSpec[key] = v.DeepClone();
            AddDefaultTolerations(podSpec);
        }
    }

    private static bool SpecChanged(ResourceInfo r, JsonObject n, JsonObject o)
    {
        if (r.Kind == "EndpointSlice")
            return !JsonRead.Same(n["endpoints"], o["endpoints"]) || !JsonRead.Same(n["ports"], o["ports"]) || !JsonRead.Same(n["addressType"], o["addressType"]);
        return !JsonRead.Same(n["spec"], o["spec"]);
    }

    private static bool NeedsClusterIP(JsonObject s) => s.S("type") != "ExternalName";

    private static bool NeedsNodePort(JsonObject s) => s.S("type") == "NodePort" || (s.S("type") == "LoadBalancer" && s.Bool("allocateLoadBalancerNodePorts") != false);

    private static bool NeedsHealthCheckPort(JsonObject s) => s.S("type") == "LoadBalancer" && s.S("externalTrafficPolicy") == "Local";

    private static bool ExternallyAccessible(JsonObject s) => s.S("type") is "LoadBalancer" or "NodePort" || (s.S("type") == "ClusterIP" && s.Arr("externalIPs").Count() > 0);

    /// <summary>
    /// When a Service changes type, the values the server filled in for the old type go away unless the client changed them
    /// (the strategy's dropTypeDependentFields): e.g. NodePort → ClusterIP drops the node ports instead of failing validation.
    /// </summary>
    private static void DropTypeDependentFields(JsonObject? n, JsonObject? o)
    {
        if (n is null || o is null) return;
        bool Same(string key) => JsonRead.Same(n[key], o[key]);
        if (NeedsClusterIP(o) && !NeedsClusterIP(n))
        {
            if (Same("clusterIP") && Same("clusterIPs"))
            {
                n.Remove("clusterIP");
                n.Remove("clusterIPs");
            }
            if (Same("ipFamilies")) n.Remove("ipFamilies");
            if (Same("ipFamilyPolicy")) n.Remove("ipFamilyPolicy");
        }
        var samePorts = n.Items("ports").Select(p => p.Int("nodePort") ?? 0).SequenceEqual(o.Items("ports").Select(p => p.Int("nodePort") ?? 0));
        if (NeedsNodePort(o) && !NeedsNodePort(n) && samePorts)
            foreach (var p in n.Items("ports")) p.Remove("nodePort");
        if (NeedsHealthCheckPort(o) && !NeedsHealthCheckPort(n) && Same("healthCheckNodePort")) n.Remove("healthCheckNodePort");
        if (n.S("type") != "LoadBalancer") n.Remove("allocateLoadBalancerNodePorts");
        if (ExternallyAccessible(o) && !ExternallyAccessible(n) && Same("externalTrafficPolicy")) n.Remove("externalTrafficPolicy");
    }

    /// <summary>When an update changes clusterIP but leaves clusterIPs as stored, the user meant the singular field: follow it.</summary>
    private static void NormalizeClusterIPs(JsonObject? n, JsonObject? o)
    {
        if (n is null || o is null) return;
        var ip = n.S("clusterIP");
        if (ip == o.S("clusterIP")) return;
        if (n.Arr("clusterIPs").Count() == 0 || JsonRead.Same(n["clusterIPs"], o["clusterIPs"]))
        {
            if (ip.Length == 0) n.Remove("clusterIPs");
            else n["clusterIPs"] = new JsonArray(ip);
        }
    }

    /// <summary>A Service update that omits its allocated cluster IPs or node ports keeps the stored ones (REST patchAllocatedValues).</summary>
    private static void PatchAllocatedValues(JsonObject? n, JsonObject? o)
    {
        if (n is null || o is null) return;
        if (NeedsClusterIP(n) && NeedsClusterIP(o))
        {
            if (n.S("clusterIP").Length == 0 && o["clusterIP"] is { } ip) n["clusterIP"] = ip.DeepClone();
            if (n.Arr("clusterIPs").Count() == 0 && o["clusterIPs"] is { } ips) n["clusterIPs"] = ips.DeepClone();
        }
        if (NeedsNodePort(n) && NeedsNodePort(o))
        {
            static HashSet<long> Used(JsonObject s) => s.Items("ports").Select(p => p.Int("nodePort") ?? 0).Where(p => p != 0).ToHashSet();
            var used = Used(o);
            used.IntersectWith(Used(n));
            var byName = new Dictionary<string, long>();
            foreach (var p in o.Items("ports")) byName[p.S("name")] = p.Int("nodePort") ?? 0;
            foreach (var p in n.Items("ports"))
                if ((p.Int("nodePort") ?? 0) == 0 && byName.TryGetValue(p.S("name"), out var old) && old != 0 && !used.Contains(old))
                    p["nodePort"] = JsonWrite.Num(old);
        }
        if (NeedsHealthCheckPort(n) && NeedsHealthCheckPort(o) && (n.Int("healthCheckNodePort") ?? 0) == 0 && o["healthCheckNodePort"] is { } hc)
            n["healthCheckNodePort"] = hc.DeepClone();
    }

    /// <summary>A write to the status subresource changes status only: everything else stays as stored.</summary>
    public static void ForStatusUpdate(JsonObject newObj, JsonObject oldObj)
    {
        var status = newObj["status"]?.DeepClone();
        var resourceVersion = newObj.Obj("metadata")?["resourceVersion"]?.DeepClone();
        foreach (var key in newObj.Select(kv => kv.Key).ToList()) newObj.Remove(key);
        foreach (var (k, v) in oldObj) newObj[k] = v?.DeepClone();
        if (status is not null) newObj["status"] = status;
        else newObj.Remove("status");
        if (resourceVersion is not null && newObj.Child("metadata") is { } meta) meta["resourceVersion"] = resourceVersion;
    }
}
