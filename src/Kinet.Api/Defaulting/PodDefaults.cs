// Defaults of a PodSpec and its containers, probes and volumes (pkg/apis/core/v1/defaults.go), and of a Pod itself.
using System.Text.Json.Nodes;
using Kinet.Api.Validation;

namespace Kinet.Api.Defaulting;

internal static class PodDefaults
{
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    /// <summary>SetDefaults_Pod: the spec defaults plus what only a Pod (not a template) gets.</summary>
    public static void ApplyPod(JsonObject pod)
    {
        if (pod.Child("spec") is not { } spec) return;
        ApplySpec(spec);
        foreach (var list in new[] { "containers", "initContainers" })
            foreach (var c in spec.Items(list))
                DefaultRequestsToLimits(c);
        spec.Default("enableServiceLinks", true);
    }

    /// <summary>SetDefaults_PodSpec and everything under it.</summary>
    public static void ApplySpec(JsonObject spec)
    {
        spec.DefaultString("dnsPolicy", "ClusterFirst");
        spec.DefaultString("restartPolicy", "Always");
        spec.Default("securityContext", new JsonObject());
        spec.Default("terminationGracePeriodSeconds", JsonWrite.Num(30));
        spec.DefaultString("schedulerName", "default-scheduler");
        var hostNetwork = spec.Bool("hostNetwork") == true;
        foreach (var list in ContainerLists)
            foreach (var c in spec.Items(list))
                ApplyContainer(c, hostNetwork);
        foreach (var v in spec.Items("volumes")) ApplyVolume(v);
    }

    private static void ApplyContainer(JsonObject c, bool hostNetwork)
    {
        c.DefaultString("terminationMessagePath", "/dev/termination-log");
        c.DefaultString("terminationMessagePolicy", "File");
        c.DefaultString("imagePullPolicy", PullPolicyFor(c.S("image")));
        c.Default("resources", new JsonObject());
        foreach (var p in c.Items("ports"))
        {
            p.DefaultString("protocol", "TCP");
            // With hostNetwork the container listens on the node: hostPort is containerPort.
            if (hostNetwork && (p.Int("hostPort") ?? 0) == 0 && p.Int("containerPort") is { } cp) p["hostPort"] = JsonWrite.Num(cp);
        }
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            if (c.Obj(probe) is { } pr) ApplyProbe(pr);
        if (c.Obj("lifecycle") is { } lc)
            foreach (var h in new[] { "postStart", "preStop" })
                if (lc.Obj(h)?.Obj("httpGet") is { } get) ApplyHttpGet(get);
        foreach (var e in c.Items("env"))
            if (e.Obj("valueFrom")?.Obj("fieldRef") is { } fr) fr.DefaultString("apiVersion", "v1");
    }

    private static void ApplyProbe(JsonObject probe)
    {
        probe.Default("timeoutSeconds", JsonWrite.Num(1));
        probe.Default("periodSeconds", JsonWrite.Num(10));
        probe.Default("successThreshold", JsonWrite.Num(1));
        probe.Default("failureThreshold", JsonWrite.Num(3));
        if (probe.Obj("httpGet") is { } get) ApplyHttpGet(get);
        if (probe.Obj("grpc") is { } grpc) grpc.Default("service", "");
    }

    private static void ApplyHttpGet(JsonObject get)
    {
        get.DefaultString("path", "/");
        get.DefaultString("scheme", "HTTP");
    }

    private static void ApplyVolume(JsonObject v)
    {
        // A volume with no source at all is an emptyDir.
        if (!v.Any(kv => kv.Key != "name" && kv.Value is not null)) v["emptyDir"] = new JsonObject();
        foreach (var src in new[] { "secret", "configMap", "downwardAPI", "projected" })
            if (v.Obj(src) is { } s) s.Default("defaultMode", JsonWrite.Num(420));
        if (v.Obj("hostPath") is { } hp) hp.Default("type", "");
        if (v.Obj("iscsi") is { } iscsi) iscsi.DefaultString("iscsiInterface", "default");
        foreach (var proj in v.Obj("projected").Items("sources"))
            if (proj.Obj("serviceAccountToken") is { } sat) sat.Default("expirationSeconds", JsonWrite.Num(3600));
        foreach (var item in v.Obj("downwardAPI").Items("items"))
            if (item.Obj("fieldRef") is { } fr) fr.DefaultString("apiVersion", "v1");
    }

    /// <summary>`Always` for `:latest` or an untagged image, `IfNotPresent` otherwise (a digest counts as a tag, and an
    /// image reference that does not parse — empty, spaces, capitals in the repository — has no tag, as upstream's parser says).</summary>
    public static string PullPolicyFor(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal) || image.Length == 0 || image.Any(char.IsWhiteSpace)) return "IfNotPresent";
        var repoEnd = image.IndexOf(':', image.LastIndexOf('/') + 1);
        var firstSlash = image.IndexOf('/');
        // The registry host (before the first '/', when it has a '.' or ':' or is localhost) may have capitals; the path may not.
        var pathStart = firstSlash > 0 && (image[..firstSlash].Contains('.') || image[..firstSlash].Contains(':') || image[..firstSlash] == "localhost") ? firstSlash + 1 : 0;
        if (image[pathStart..(repoEnd < 0 ? image.Length : repoEnd)].Any(char.IsUpper)) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var tag = colon < 0 ? "latest" : image[(colon + 1)..];
        return tag == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>Only on Pods: a resource with a limit and no request gets the limit as its request.</summary>
    private static void DefaultRequestsToLimits(JsonObject container)
    {
        if (container.Obj("resources") is not { } res || res.Obj("limits") is not { } limits) return;
        if (res.Child("requests") is not { } requests) return;
        foreach (var (k, v) in limits)
            if (!requests.ContainsKey(k)) requests[k] = v?.DeepClone();
    }

    /// <summary>qos.ComputePodQOS: BestEffort without cpu/memory requests or limits, Guaranteed when every container's equal, else Burstable.</summary>
    public static string QosClass(JsonObject? spec)
    {
        var requests = new Dictionary<string, decimal>();
        var limits = new Dictionary<string, decimal>();
        var guaranteed = true;
        foreach (var list in new[] { "initContainers", "containers" })
            foreach (var c in spec.Items(list))
            {
                var res = c.Obj("resources");
                foreach (var (name, v) in res.Obj("requests") ?? [])
                    if (name is "cpu" or "memory" && Quantity.Parse(ContainerRules.QuantityText(v)) is { } q && q != 0)
                        requests[name] = requests.GetValueOrDefault(name) + q;
                var found = new HashSet<string>();
                foreach (var (name, v) in res.Obj("limits") ?? [])
                    if (name is "cpu" or "memory" && Quantity.Parse(ContainerRules.QuantityText(v)) is { } q && q != 0)
                    {
                        found.Add(name);
                        limits[name] = limits.GetValueOrDefault(name) + q;
                    }
                if (!found.Contains("cpu") || !found.Contains("memory")) guaranteed = false;
            }
        if (requests.Count == 0 && limits.Count == 0) return "BestEffort";
        if (guaranteed && requests.All(r => limits.TryGetValue(r.Key, out var l) && l == r.Value) && requests.Count == limits.Count) return "Guaranteed";
        return "Burstable";
    }
}
