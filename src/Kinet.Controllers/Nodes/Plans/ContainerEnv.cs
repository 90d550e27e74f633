// The variables the kubelet gives a container (makeEnvironmentVariables): envFrom first (prefix, later sources win),
// then env in order (values $(VAR)-expanded against what came before and the service variables, or read from
// fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef), then the service variables env did not set.
// The kubelet emits its map in random order; Kinet keeps first-definition order, then the service variables.
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class ContainerEnv
{
    /// <summary>The container cannot be configured; Message is the kubelet's (CreateContainerConfigError).</summary>
    public sealed class ConfigException(string message) : Exception(message);

    public static List<EnvVar> Build(JsonObject pod, JsonObject container, IReadOnlyList<EnvVar> serviceEnv,
        PodPlanSettings settings, IPodPlanSources sources, List<PlanWarning> warnings)
    {
        var ns = JsonRead.Str(pod, "metadata", "namespace") ?? "";
        var configMaps = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var env = new OrderedEnv();

        foreach (var from in (container["envFrom"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var prefix = JsonRead.Str(from, "prefix") ?? "";
            var (refField, kind) = from["configMapRef"] is JsonObject ? ("configMapRef", "configmap") : ("secretRef", "secret");
            if (from[refField] is not JsonObject reference) continue;
            var name = JsonRead.Str(reference, "name") ?? "";
            var obj = Get(kind, ns, name, JsonRead.Bool(reference, "optional"), configMaps, secrets, sources);
            if (obj is null) continue;
            var invalid = new List<string>();
            foreach (var (key, value) in Values(obj, kind))
            {
                var k = prefix + key;
                // Since RelaxedEnvironmentVariableValidation the kubelet passes every key on; only a name a process
                // environment cannot carry is dropped, with the event the kubelet used to record for invalid keys.
                if (k.Length == 0 || k.Contains('=') || k.Contains('\0')) { invalid.Add(k); continue; }
                env.Set(k, value);
            }
            if (invalid.Count > 0)
            {
                invalid.Sort(StringComparer.Ordinal);
                warnings.Add(new PlanWarning("InvalidEnvironmentVariableNames",
                    $"Keys [{string.Join(", ", invalid)}] from the EnvFrom {kind} {ns}/{name} were skipped since they are considered invalid environment variable names."));
            }
        }

        var serviceMap = ToMap(serviceEnv);
        foreach (var item in (container["env"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var name = JsonRead.Str(item, "name") ?? "";
            var value = JsonRead.Str(item, "value") ?? "";
            if (value.Length > 0)
            {
                value = EnvExpansion.Expand(value, EnvExpansion.MappingFor(env.Map, serviceMap));
            }
            else if (item["valueFrom"] is JsonObject valueFrom)
            {
                var resolved = ValueFrom(pod, container, valueFrom, ns, settings, sources, configMaps, secrets);
                if (resolved is null) continue;
                value = resolved;
            }
            env.Set(name, value);
        }

        var result = env.List;
        result.AddRange(serviceEnv.Where(s => !env.Map.ContainsKey(s.Name)));
        return result;
    }

    // Null: an optional source or key is missing and the variable is left out.
    private static string? ValueFrom(JsonObject pod, JsonObject container, JsonObject valueFrom, string ns, PodPlanSettings settings,
        IPodPlanSources sources, Dictionary<string, JsonObject> configMaps, Dictionary<string, JsonObject> secrets)
    {
        try
        {
            if (valueFrom["fieldRef"] is JsonObject fieldRef)
            {
                return DownwardApi.EnvField(pod, JsonRead.Str(fieldRef, "fieldPath") ?? "", settings);
            }
            if (valueFrom["resourceFieldRef"] is JsonObject rf)
            {
                var target = JsonRead.Str(rf, "containerName") is { Length: > 0 } cn
                    ? VolumeFiles.AllContainers(pod).FirstOrDefault(c => JsonRead.Str(c, "name") == cn) ?? throw new FormatException($"container {cn} not found")
                    : container;
                return DownwardApi.ResourceValue(target, JsonRead.Str(rf, "resource") ?? "", JsonRead.Str(rf, "divisor"), settings);
            }
        }
        catch (FormatException e)
        {
            throw new ConfigException(e.Message);
        }
        var (selectorField, kind, label) = valueFrom["configMapKeyRef"] is JsonObject
            ? ("configMapKeyRef", "configmap", "ConfigMap")
            : ("secretKeyRef", "secret", "Secret");
        if (valueFrom[selectorField] is not JsonObject selector) return "";
        var name = JsonRead.Str(selector, "name") ?? "";
        var key = JsonRead.Str(selector, "key") ?? "";
        var optional = JsonRead.Bool(selector, "optional");
        var obj = Get(kind, ns, name, optional, configMaps, secrets, sources);
        if (obj is null) return null;
        foreach (var (k, v) in Values(obj, kind))
        {
            if (k == key) return v;
        }
        if (optional) return null;
        throw new ConfigException($"couldn't find key {key} in {label} {ns}/{name}");
    }

    private static JsonObject? Get(string kind, string ns, string name, bool optional,
        Dictionary<string, JsonObject> configMaps, Dictionary<string, JsonObject> secrets, IPodPlanSources sources)
    {
        var cache = kind == "configmap" ? configMaps : secrets;
        if (cache.TryGetValue(name, out var cached)) return cached;
        var obj = kind == "configmap" ? sources.ConfigMap(ns, name) : sources.Secret(ns, name);
        if (obj is null)
        {
            if (optional) return null;
            // The kubelet's watch-based managers report a missing object as NotFound for resource "configmap"/"secret".
            throw new ConfigException($"{kind} \"{name}\" not found");
        }
        cache[name] = obj;
        return obj;
    }

    // A ConfigMap's data (binaryData is not offered to env), or a Secret's data decoded.
    private static IEnumerable<(string Key, string Value)> Values(JsonObject obj, string kind)
    {
        if (obj["data"] is not JsonObject data) yield break;
        foreach (var (k, v) in data)
        {
            var s = v is JsonValue jv && jv.TryGetValue<string>(out var str) ? str : "";
            yield return (k, kind == "secret" ? Decode(s) : s);
        }
    }

    private static string Decode(string base64)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64)); }
        catch (FormatException) { return base64; }
    }

    public static Dictionary<string, string> ToMap(IEnumerable<EnvVar> vars)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in vars) map[v.Name] = v.Value;
        return map;
    }

    /// <summary>A map that remembers where each name was first set (a later Set replaces the value in place).</summary>
    public sealed class OrderedEnv
    {
        private readonly List<string> order = [];
        public Dictionary<string, string> Map { get; } = new(StringComparer.Ordinal);

        public void Set(string name, string value)
        {
            if (!Map.ContainsKey(name)) order.Add(name);
            Map[name] = value;
        }

        public void SetIfAbsent(string name, string value)
        {
            if (!Map.ContainsKey(name)) Set(name, value);
        }

        public List<EnvVar> List => order.Select(n => new EnvVar(n, Map[n])).ToList();
    }
}
