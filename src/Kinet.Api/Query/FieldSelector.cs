// Field selectors (`metadata.name=x,status.phase!=Failed`), limited per resource to the fields kube-apiserver indexes.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Query;

public sealed record FieldRequirement(string Field, bool Equal, string Value);

public sealed class FieldSelector
{
    public static FieldSelector Everything { get; } = new([]);
    public IReadOnlyList<FieldRequirement> Requirements { get; }
    private FieldSelector(IReadOnlyList<FieldRequirement> r) => Requirements = r;

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>The value of metadata.name=X when the selector pins one name (used to answer from a single Get).</summary>
    public string? SingleName => Requirements.FirstOrDefault(r => r.Equal && r.Field == "metadata.name")?.Value;

    // The fields each resource supports besides metadata.name and metadata.namespace (pkg/registry/*/strategy.go GetAttrs / field label conversions).
    private static readonly Dictionary<string, string[]> Supported = new()
    {
        ["pods"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
                    "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
        ["events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                      "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                      "reason", "reportingComponent", "source", "type"],
        ["secrets"] = ["type"],
        ["nodes"] = ["spec.unschedulable"],
        ["namespaces"] = ["status.phase"],
        ["replicasets"] = ["status.replicas"],
        ["services"] = ["spec.clusterIP", "spec.type"],
    };

    public static FieldSelector Parse(string? text, ResourceInfo resource)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var reqs = new List<FieldRequirement>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            string field, value;
            bool equal;
            int i;
            if ((i = part.IndexOf("!=", StringComparison.Ordinal)) >= 0) { field = part[..i]; value = part[(i + 2)..]; equal = false; }
            else if ((i = part.IndexOf("==", StringComparison.Ordinal)) >= 0) { field = part[..i]; value = part[(i + 2)..]; equal = true; }
            else if ((i = part.IndexOf('=')) >= 0) { field = part[..i]; value = part[(i + 1)..]; equal = true; }
            else throw ApiException.BadRequest($"invalid field selector: invalid selector: '{text}'; can't understand '{part}'");
            field = field.Trim();
            if (field != "metadata.name" && field != "metadata.namespace" &&
                !(Supported.TryGetValue(resource.Plural, out var allowed) && allowed.Contains(field)))
                throw ApiException.BadRequest($"field label not supported: {field}");
            reqs.Add(new FieldRequirement(field, equal, value.Trim()));
        }
        return new FieldSelector(reqs);
    }

    public bool Matches(JsonObject obj) => Requirements.All(r => (ValueOf(obj, r.Field) == r.Value) == r.Equal);

    private static string ValueOf(JsonObject obj, string field)
    {
        switch (field)
        {
            case "source": // events: source is source.component (or reportingController)
                return Str(obj["source"]?["component"]) ?? Str(obj["reportingComponent"]) ?? "";
            case "status.podIPs":
                return Str(obj["status"]?["podIPs"]?[0]?["ip"]) ?? "";
            case "metadata.namespace":
                return Str(obj["metadata"]?["namespace"]) ?? "";
        }
        JsonNode? n = obj;
        foreach (var seg in field.Split('.')) n = n?[seg];
        return n switch
        {
            null => field is "spec.unschedulable" or "spec.hostNetwork" ? "false" : "",
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => n.ToJsonString(),
        };
    }

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
