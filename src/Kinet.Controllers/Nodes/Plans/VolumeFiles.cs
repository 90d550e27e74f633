// The file sets of configMap, secret, downwardAPI and projected volumes, as the kubelet's volume plugins compute their
// payloads (MakePayload, CollectData): every key or the listed items, per-item mode over defaultMode, optional sources
// that are missing give no files, and errors worded as the plugins word them.
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class VolumeFiles
{
    /// <summary>A volume's payload could not be made; Message is the plugin's error (after "MountVolume.SetUp failed ... : ").</summary>
    public sealed class VolumeException(string message) : Exception(message);

    public static SortedDictionary<string, ProjectedFile> ConfigMap(JsonObject source, int defaultMode, string ns, IPodPlanSources sources) =>
        KeyedPayload(source, "name", defaultMode, ns, "configmap", "configmap references non-existent config key: ",
            name => sources.ConfigMap(ns, name) is { } cm ? Data(cm, binary: false) : null);

    public static SortedDictionary<string, ProjectedFile> Secret(JsonObject source, string nameField, int defaultMode, string ns, IPodPlanSources sources) =>
        KeyedPayload(source, nameField, defaultMode, ns, "secret", "secret references non-existent secret key: ",
            name => sources.Secret(ns, name) is { } s ? Data(s, binary: true) : null);

    /// <summary>downwardapi.CollectData: one file per item, from a metadata field or a container's resource.</summary>
    public static SortedDictionary<string, ProjectedFile> DownwardApi(JsonObject source, int defaultMode, JsonObject pod, PodPlanSettings settings)
    {
        var payload = new SortedDictionary<string, ProjectedFile>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var item in Items(source))
        {
            var path = CleanPath(JsonRead.Str(item, "path") ?? "");
            var mode = (int?)JsonRead.Long(item, "mode") ?? defaultMode;
            var value = "";
            try
            {
                if (JsonRead.Str(item, "fieldRef", "fieldPath") is { } fieldPath)
                {
                    value = Plans.DownwardApi.MetadataField(pod, fieldPath);
                }
                else if (item["resourceFieldRef"] is JsonObject rf)
                {
                    var containerName = JsonRead.Str(rf, "containerName") ?? "";
                    var container = AllContainers(pod).FirstOrDefault(c => JsonRead.Str(c, "name") == containerName)
                        ?? throw new FormatException($"container {containerName} not found");
                    value = Plans.DownwardApi.ResourceValue(container, JsonRead.Str(rf, "resource") ?? "", JsonRead.Str(rf, "divisor"), settings);
                }
            }
            catch (FormatException e)
            {
                errors.Add(e.Message);
            }
            payload[path] = new ProjectedFile(path, Encoding.UTF8.GetBytes(value), mode);
        }
        if (errors.Count > 0) throw new VolumeException(Aggregate(errors));
        return payload;
    }

    /// <summary>The projected plugin's collectData: sources in order, later files replacing earlier ones of the same path.</summary>
    public static SortedDictionary<string, ProjectedFile> Projected(JsonObject source, JsonObject pod, PodPlanSettings settings, IPodPlanSources sources, List<PlanWarning> warnings)
    {
        var defaultMode = (int?)JsonRead.Long(source, "defaultMode") ?? FileModes.VolumeDefault;
        var ns = JsonRead.Str(pod, "metadata", "namespace") ?? "";
        var payload = new SortedDictionary<string, ProjectedFile>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var s in (source["sources"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            try
            {
                SortedDictionary<string, ProjectedFile>? part = null;
                if (s["configMap"] is JsonObject cm) part = ConfigMap(cm, defaultMode, ns, sources);
                else if (s["secret"] is JsonObject sec) part = Secret(sec, "name", defaultMode, ns, sources);
                else if (s["downwardAPI"] is JsonObject dapi) part = DownwardApi(dapi, defaultMode, pod, settings);
                else if (s["serviceAccountToken"] is JsonObject sat) part = Token(sat, defaultMode, pod, sources, warnings);
                foreach (var (k, v) in part ?? []) payload[k] = v;
            }
            catch (VolumeException e)
            {
                errors.Add(e.Message);
            }
        }
        if (errors.Count > 0) throw new VolumeException(Aggregate(errors));
        return payload;
    }

    private static SortedDictionary<string, ProjectedFile> Token(JsonObject source, int defaultMode, JsonObject pod, IPodPlanSources sources, List<PlanWarning> warnings)
    {
        var payload = new SortedDictionary<string, ProjectedFile>(StringComparer.Ordinal);
        var sa = JsonRead.Str(pod, "spec", "serviceAccountName") is { Length: > 0 } n ? n : "default";
        var token = sources.ServiceAccountToken(JsonRead.Str(pod, "metadata", "namespace") ?? "", sa,
            JsonRead.Str(source, "audience") ?? "", JsonRead.Long(source, "expirationSeconds") ?? 3600);
        if (token is null)
        {
            warnings.Add(new PlanWarning("FailedMount", "Kinet issues no service account tokens; the projected token file is left out"));
            return payload;
        }
        var path = JsonRead.Str(source, "path") ?? "token";
        payload[path] = new ProjectedFile(path, Encoding.UTF8.GetBytes(token), defaultMode);
        return payload;
    }

    private static SortedDictionary<string, ProjectedFile> KeyedPayload(JsonObject source, string nameField, int defaultMode, string ns,
        string resource, string missingKeyMessage, Func<string, Dictionary<string, byte[]>?> get)
    {
        var name = JsonRead.Str(source, nameField) ?? "";
        var optional = JsonRead.Bool(source, "optional");
        var data = get(name);
        if (data is null && !optional) throw new VolumeException($"{resource} \"{name}\" not found");
        data ??= [];
        var payload = new SortedDictionary<string, ProjectedFile>(StringComparer.Ordinal);
        var items = Items(source).ToList();
        if (items.Count == 0)
        {
            foreach (var (key, bytes) in data) payload[key] = new ProjectedFile(key, bytes, defaultMode);
            return payload;
        }
        foreach (var item in items)
        {
            var key = JsonRead.Str(item, "key") ?? "";
            if (!data.TryGetValue(key, out var bytes))
            {
                if (optional) continue;
                throw new VolumeException(missingKeyMessage + key);
            }
            var path = JsonRead.Str(item, "path") ?? key;
            payload[path] = new ProjectedFile(path, bytes, (int?)JsonRead.Long(item, "mode") ?? defaultMode);
        }
        return payload;
    }

    /// <summary>A ConfigMap's data and binaryData, or a Secret's data (base64 in JSON), by key.</summary>
    public static Dictionary<string, byte[]> Data(JsonObject obj, bool binary)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (obj["data"] is JsonObject data)
        {
            foreach (var (k, v) in data) result[k] = binary ? Base64(v) : Encoding.UTF8.GetBytes(StringOf(v));
        }
        if (!binary && obj["binaryData"] is JsonObject bin)
        {
            foreach (var (k, v) in bin) result[k] = Base64(v);
        }
        return result;
    }

    private static byte[] Base64(JsonNode? v)
    {
        try { return Convert.FromBase64String(StringOf(v)); }
        catch (FormatException) { return Encoding.UTF8.GetBytes(StringOf(v)); }
    }

    private static string StringOf(JsonNode? v) => v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : "";

    private static IEnumerable<JsonObject> Items(JsonObject source) => (source["items"] as JsonArray)?.OfType<JsonObject>() ?? [];

    internal static IEnumerable<JsonObject> AllContainers(JsonObject pod) =>
        new[] { "initContainers", "containers" }.SelectMany(f => (JsonRead.At(pod, "spec", f) as JsonArray)?.OfType<JsonObject>() ?? []);

    // filepath.Clean for the relative paths validation allows: no empty or "." elements.
    private static string CleanPath(string path) => string.Join('/', path.Split('/').Where(p => p.Length > 0 && p != "."));

    // utilerrors.NewAggregate: one error as itself, several as "[a, b]".
    private static string Aggregate(List<string> errors) => errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
}
