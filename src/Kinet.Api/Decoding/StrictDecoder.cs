// Decoding a create/update body as kube-apiserver does: wrong JSON types are a 400, unknown and duplicate fields are
// refused (Strict), reported as warnings (Warn) or ignored (Ignore), and unknown fields never reach the store.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;
using Kinet.Api.Schema;

namespace Kinet.Api.Decoding;

public static class StrictDecoder
{
    /// <summary>
    /// Checks obj (mutating it: unknown fields are removed) and returns the warnings to send. Throws 400 BadRequest
    /// `Deployment in version "v1" cannot be handled as a Deployment: ...` for a type error, or for strictness
    /// violations under <see cref="FieldValidation.Strict"/>. duplicateFields are strict paths found by <see cref="JsonBody"/>.
    /// </summary>
    public static DecodeResult Check(ResourceInfo r, JsonObject obj, FieldValidation mode, IReadOnlySet<string>? duplicateFields = null) =>
        Check(r, ApiSchema.For(r), obj, mode, duplicateFields);

    /// <summary>The same against another root type (e.g. autoscaling/v1 Scale for a scale subresource update).</summary>
    public static DecodeResult Check(ResourceInfo r, StructNode root, JsonObject obj, FieldValidation mode, IReadOnlySet<string>? duplicateFields = null)
    {
        var report = Inspect(root, obj, duplicateFields);
        if (report.Error is { } error) throw CannotBeHandled(r, root, obj, error);
        if (report.StrictErrors.Count == 0) return DecodeResult.Clean;
        return mode switch
        {
            FieldValidation.Strict => throw CannotBeHandled(r, root, obj, "strict decoding error: " + string.Join(", ", report.StrictErrors)),
            FieldValidation.Warn => new DecodeResult(report.StrictErrors),
            _ => DecodeResult.Clean,
        };
    }

    /// <summary>Only walks (and prunes): for callers that word the error themselves, such as PATCH.</summary>
    public static DecodeReport Inspect(StructNode root, JsonObject obj, IReadOnlySet<string>? duplicateFields = null) =>
        SchemaWalk.Run(root, obj, duplicateFields);

    /// <summary>
    /// PATCH's wording (handlers/patch.go): the patched object failing to decode, or strictness violations under Strict,
    /// are a 422 Invalid on field "patch" whose value is patchValue (the patched JSON for JSON and merge patches,
    /// <c>StrategicMergePatch.Describe(patch)</c> for strategic merge). Returns the warnings for Warn.
    /// fromStrategicMerge selects the unstructured converter's texts and sorted unknown fields; patchStrictErrors are the
    /// ones found in the patch body itself (duplicate fields, <c>JsonPatch.StrictErrors</c>), which lead.
    /// </summary>
    public static DecodeResult CheckPatched(ResourceInfo r, JsonObject patched, FieldValidation mode, string patchValue,
        bool fromStrategicMerge = false, IReadOnlyList<string>? patchStrictErrors = null) =>
        CheckPatched(ApiSchema.For(r), patched, mode, patchValue, fromStrategicMerge, patchStrictErrors);

    public static DecodeResult CheckPatched(StructNode root, JsonObject patched, FieldValidation mode, string patchValue,
        bool fromStrategicMerge = false, IReadOnlyList<string>? patchStrictErrors = null)
    {
        var report = SchemaWalk.Run(root, patched, null, converter: fromStrategicMerge);
        if (report.Error is { } error) throw PatchInvalid(patchValue, error);
        var strict = (patchStrictErrors ?? []).Concat(report.StrictErrors).ToList();
        if (strict.Count == 0 || mode == FieldValidation.Ignore) return DecodeResult.Clean;
        if (mode == FieldValidation.Warn) return new DecodeResult(strict);
        throw PatchInvalid(patchValue, "strict decoding error: " + string.Join(", ", strict));
    }

    private static ApiException PatchInvalid(string patchValue, string detail) =>
        ApiException.Invalid("", "", "", [new FieldError(FieldErrorType.Invalid, "patch", detail, patchValue)]);

    // The body's own kind and version name the failure, defaulted from the URL's (gvkWithDefaults).
    private static ApiException CannotBeHandled(ResourceInfo r, StructNode root, JsonObject obj, string detail)
    {
        var kind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var ks) && ks.Length > 0 ? ks : root.Name;
        var version = r.Version;
        if (obj["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var avs) && avs.Length > 0)
            version = avs.Contains('/') ? avs[(avs.IndexOf('/') + 1)..] : avs;
        return ApiException.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {root.Name}: {detail}");
    }
}
