// The seam between the HTTP/registry core and the pure components (decoding, defaulting, validation, patching,
// field management, printing, discovery). Each method forwards to the component that owns the semantics.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Integration;

internal static class Components
{
    public static JsonNode ParseYaml(string text)
    {
        try
        {
            return Decoding.YamlBody.ToJson(text) ?? throw ApiException.BadRequest("the body of the request was empty");
        }
        catch (Decoding.YamlSyntaxException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }

    public static Decoding.FieldValidation FieldValidation(string? value) =>
        Decoding.FieldValidationParameter.TryParse(value, out var mode) ? mode : Decoding.FieldValidation.Warn;

    /// <summary>A create/update body (JSON, YAML or protobuf) decoded, type-checked and pruned of unknown fields; returns the warnings.</summary>
    public static (JsonObject Object, IReadOnlyList<string> Warnings) DecodeObject(ResourceInfo r, byte[] body, string mediaType, string? fieldValidation)
    {
        var mode = FieldValidation(fieldValidation);
        switch (mediaType)
        {
            case Http.MediaTypes.Protobuf:
                var obj = DecodeProtobuf(body, r);
                return (obj, Decoding.StrictDecoder.Check(r, obj, mode).Warnings);
            case Http.MediaTypes.Yaml:
            case "":
            case Http.MediaTypes.Json:
                var (o, result) = Decoding.BodyDecoder.Decode(r, body, mediaType == Http.MediaTypes.Yaml ? mediaType : Http.MediaTypes.Json, mode);
                return (o, result.Warnings);
            default:
                throw ApiException.UnsupportedMediaType(mediaType);
        }
    }

    /// <summary>A PATCH body: JSON (any patch type) or YAML (apply), with its duplicate fields.</summary>
    public static (JsonNode Patch, IReadOnlySet<string> Duplicates) ParsePatch(byte[] body, string mediaType)
    {
        if (mediaType == Http.MediaTypes.ApplyPatchYaml)
        {
            var text = System.Text.Encoding.UTF8.GetString(body).TrimStart();
            if (!text.StartsWith('{')) return (ParseYaml(text), new HashSet<string>());
        }
        try
        {
            var parsed = Decoding.JsonBody.Parse(body);
            return (parsed.Root ?? throw ApiException.BadRequest("the body of the request was empty"), parsed.DuplicateFields);
        }
        catch (Decoding.JsonSyntaxException e)
        {
            throw ApiException.BadRequest("error decoding patch: " + e.Message);
        }
    }

    /// <summary>Type and unknown-field checks of an object a patch produced (422 on the "patch" field, as upstream).</summary>
    public static IReadOnlyList<string> CheckPatched(ResourceInfo r, JsonObject patched, string? fieldValidation, string mediaType,
        JsonNode patch, IReadOnlySet<string> duplicates)
    {
        var mode = FieldValidation(fieldValidation);
        var smp = mediaType == Http.MediaTypes.StrategicMergePatch;
        var value = smp && patch is JsonObject po ? Patching.StrategicMergePatch.Describe(po) : patched.ToJsonString();
        IReadOnlyList<string> patchErrors = mediaType == Http.MediaTypes.JsonPatch
            ? Patching.JsonPatch.StrictErrors(patch, duplicates)
            : duplicates.Select(d => $"duplicate field \"{d}\"").ToArray();
        return Decoding.StrictDecoder.CheckPatched(r, patched, mode, value, smp, patchErrors).Warnings;
    }

    /// <summary>Type and unknown-field checks of a server-side apply configuration.</summary>
    public static IReadOnlyList<string> CheckApplied(ResourceInfo r, JsonObject applied, string? fieldValidation, IReadOnlySet<string> duplicates) =>
        Decoding.StrictDecoder.Check(r, applied, FieldValidation(fieldValidation), duplicates).Warnings;

    public static JsonObject DecodeProtobuf(ReadOnlySpan<byte> body, ResourceInfo? r = null) =>
        Protobuf.ProtobufDecoder.Decode(body, r?.ApiVersion, r?.Kind);

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
