// Objects for `kinet dns query -f FILE|DIR`: the Services, EndpointSlices, Pods, Namespaces and the coredns ConfigMap
// of manifest files (YAML, multi-document, or JSON; `kind: List` as `kubectl get -o yaml` writes it), read offline.
// Other kinds are skipped. A directory means its *.yaml, *.yml and *.json files (not recursive, as kubectl -f DIR).
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kinet.Cli.Dns;

internal sealed class ManifestObjects
{
    public List<V1Service> Services { get; } = [];
    public List<V1EndpointSlice> Slices { get; } = [];
    public List<V1Pod> Pods { get; } = [];
    public List<V1Namespace> Namespaces { get; } = [];
    public List<V1ConfigMap> ConfigMaps { get; } = [];

    /// <summary>Reads every path; a missing file or a document that is not a valid object is a one-line error.</summary>
    public static ManifestObjects Load(IEnumerable<string> paths)
    {
        var objects = new ManifestObjects();
        foreach (var path in paths)
        {
            IEnumerable<string> files;
            if (Directory.Exists(path))
                files = Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)
                    || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            else if (File.Exists(path)) files = [path];
            else throw new CliException($"the path \"{path}\" does not exist");
            foreach (var file in files) objects.AddText(File.ReadAllText(file), file);
        }
        return objects;
    }

    public void AddText(string text, string source)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new CliException($"error parsing {source}: {e.Message}"); }
        foreach (var document in stream.Documents)
        {
            if (ToJson(document.RootNode) is JsonObject obj) Add(obj, source);
        }
    }

    private void Add(JsonObject obj, string source)
    {
        var kind = obj["kind"]?.GetValue<string>() ?? "";
        if (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray)
        {
            foreach (var item in (obj["items"] as JsonArray ?? []).OfType<JsonObject>()) Add(item, source);
            return;
        }
        try
        {
            var json = obj.ToJsonString();
            switch (kind)
            {
                case "Service": Services.Add(Named(KubernetesJson.Deserialize<V1Service>(json))); break;
                case "EndpointSlice": Slices.Add(Named(KubernetesJson.Deserialize<V1EndpointSlice>(json))); break;
                case "Pod": Pods.Add(Named(KubernetesJson.Deserialize<V1Pod>(json))); break;
                case "Namespace": Namespaces.Add(KubernetesJson.Deserialize<V1Namespace>(json)); break;
                case "ConfigMap": ConfigMaps.Add(Named(KubernetesJson.Deserialize<V1ConfigMap>(json))); break;
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CliException($"error reading a {kind} in {source}: {e.Message}");
        }
    }

    /// <summary>Namespaced objects without a namespace go to "default", as `kubectl apply -f` would put them.</summary>
    private static T Named<T>(T obj) where T : IMetadata<V1ObjectMeta>
    {
        obj.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(obj.Metadata.NamespaceProperty)) obj.Metadata.NamespaceProperty = "default";
        return obj;
    }

    /// <summary>The namespaces the files declare, plus every namespace an object of the files is in (manifests seldom
    /// declare `default`; CoreDNS answers NXDOMAIN for names in namespaces that do not exist).</summary>
    public IReadOnlyList<V1Namespace> ImpliedNamespaces()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal) { "default", "kube-system" };
        foreach (var ns in Namespaces) if (ns.Metadata?.Name is { } n) names.Add(n);
        foreach (var m in Services.Select(s => s.Metadata).Concat(Slices.Select(s => s.Metadata)).Concat(Pods.Select(p => p.Metadata)))
            if (m?.NamespaceProperty is { Length: > 0 } n) names.Add(n);
        return names.Select(n => Namespaces.FirstOrDefault(x => x.Metadata?.Name == n) ?? new V1Namespace { Metadata = new V1ObjectMeta { Name = n } }).ToList();
    }

    /// <summary>YAML to JSON with YAML 1.2 core-schema scalars (what kubectl's YAML decoder does for plain scalars).</summary>
    internal static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded) return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (value.Any(char.IsDigit) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !value.Contains(',')) return JsonValue.Create(d);
        return JsonValue.Create(value);
    }
}
