// Content negotiation: which representation a client asked for (object, Table, PartialObjectMetadata) and how its body is encoded.
namespace Kinet.Api.Http;

public enum Representation { Object, Table, PartialObjectMetadata }

public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatchYaml = "application/apply-patch+yaml";
    public const string ApplyPatchCbor = "application/apply-patch+cbor";
    public const string AggregatedDiscovery = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>The first acceptable representation in the Accept header, in the client's order (kubectl lists Table first, then plain JSON).</summary>
    public static Representation Negotiate(string? accept)
    {
        if (string.IsNullOrEmpty(accept)) return Representation.Object;
        foreach (var clause in accept.Split(','))
        {
            var parts = clause.Split(';', StringSplitOptions.TrimEntries);
            var type = parts[0];
            if (type is not ("application/json" or "application/*" or "*/*" or Protobuf or "application/yaml")) continue;
            string? asKind = null, group = null;
            foreach (var p in parts.Skip(1))
            {
                var kv = p.Split('=', 2, StringSplitOptions.TrimEntries);
                if (kv.Length != 2) continue;
                if (kv[0] == "as") asKind = kv[1];
                else if (kv[0] == "g") group = kv[1];
            }
            if (asKind is null) return Representation.Object;
            if (group == "meta.k8s.io" && asKind == "Table") return Representation.Table;
            if (group == "meta.k8s.io" && asKind is "PartialObjectMetadata" or "PartialObjectMetadataList") return Representation.PartialObjectMetadata;
            // Another "as" we do not serve (e.g. aggregated discovery on a resource path): try the next clause.
        }
        return Representation.Object;
    }

    public static bool AcceptsAggregatedDiscovery(string? accept) =>
        accept is not null && accept.Split(',').Any(c =>
        {
            var p = c.Replace(" ", "");
            return p.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal) && p.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal)
                   && p.Contains("v=v2", StringComparison.Ordinal) && !p.Contains("v=v2beta1", StringComparison.Ordinal);
        });

    /// <summary>The media type without parameters, lower-cased.</summary>
    public static string Bare(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
