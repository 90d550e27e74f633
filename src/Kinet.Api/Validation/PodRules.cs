// Pods: create rules, and the narrow set of spec changes an update may make (ValidatePodUpdate).
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class PodRules : IKindRules
{
    /// <summary>The 1.32 text of the Forbidden error for any other spec change (upstream appends a go-cmp diff after a newline).</summary>
    public const string UpdatableFields =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`," +
        "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ValidateMetadataAndSpec(errs, obj, namespaced);
        if (obj.Obj("spec").Arr("ephemeralContainers").Count() > 0) errs.Forbidden("spec.ephemeralContainers", "cannot be set on create");
        if (obj.Obj("spec").S("nodeName").Length > 0 && obj.Obj("spec").Arr("schedulingGates").Count() > 0)
            errs.Forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared");
    }

    private static void ValidateMetadataAndSpec(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced, ObjectMetaRules.DnsSubdomain);
        var spec = obj.Obj("spec");
        PodSpecRules.Validate(errs, spec, "spec");
        ContainerRules.ValidateImageWhitespace(errs, spec.Arr("containers"), "spec.containers");
        ContainerRules.ValidateImageWhitespace(errs, spec.Arr("initContainers"), "spec.initContainers");
        if (spec.S("serviceAccountName").Length == 0)
            foreach (var (vi, v) in spec.Arr("volumes").Objects())
                foreach (var (si, src) in v.Obj("projected").Arr("sources").Objects())
                    if (src.Has("serviceAccountToken"))
                        errs.Forbidden($"spec.volumes[{vi}].projected.sources[{si}].serviceAccountToken", "must not be specified when serviceAccountName is not set");
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        ValidateMetadataAndSpec(errs, newObj, namespaced);
        var n = newObj.Obj("spec") ?? [];
        var o = oldObj.Obj("spec") ?? [];

        if (!ContainerUpdates(errs, n.Arr("containers"), o.Arr("containers"), "spec.containers")) return;
        if (!ContainerUpdates(errs, n.Arr("initContainers"), o.Arr("initContainers"), "spec.initContainers")) return;

        if (n.Int("activeDeadlineSeconds") is { } nads)
        {
            if (nads is < 0 or > int.MaxValue)
            {
                errs.Invalid("spec.activeDeadlineSeconds", nads, NameFormats.InclusiveRangeError(0, int.MaxValue));
                return;
            }
            if (o.Int("activeDeadlineSeconds") is { } oads && oads < nads)
            {
                errs.Invalid("spec.activeDeadlineSeconds", nads, "must be less than or equal to previous value");
                return;
            }
        }
        else if (o.Has("activeDeadlineSeconds"))
        {
            // Go prints a nil *int64 bad value as the quoted string "null".
            errs.Invalid("spec.activeDeadlineSeconds", "null", "must not update from a positive integer to nil value");
        }

        OnlyAddedTolerations(errs, n.Arr("tolerations"), o.Arr("tolerations"));
        OnlyDeletedSchedulingGates(errs, n.Arr("schedulingGates"), o.Arr("schedulingGates"));

        if (JsonNode.DeepEquals(n, o)) return;
        var munged = (JsonObject)n.DeepClone();
        MungeImages(munged.Arr("containers"), o.Arr("containers"));
        MungeImages(munged.Arr("initContainers"), o.Arr("initContainers"));
        CopyField(munged, o, "activeDeadlineSeconds");
        CopyField(munged, o, "schedulingGates");
        CopyField(munged, o, "tolerations");
        if (o.Int("terminationGracePeriodSeconds") is < 0 && munged.Int("terminationGracePeriodSeconds") == 1) CopyField(munged, o, "terminationGracePeriodSeconds");
        if (!JsonNode.DeepEquals(munged, o)) errs.Forbidden("spec", UpdatableFields + "\n" + SpecDiff(o, munged));
    }

    private static bool ContainerUpdates(ErrorList errs, JsonArray? n, JsonArray? o, string path)
    {
        if (n.Count() != o.Count())
        {
            errs.Forbidden(path, "pod updates may not add or remove containers");
            return false;
        }
        foreach (var (i, c) in n.Objects())
        {
            var image = c.S("image");
            if (image.Length == 0) errs.Required($"{path}[{i}].image");
            if (image.Trim().Length != image.Length) errs.Invalid($"{path}[{i}].image", image, "must not have leading or trailing whitespace");
        }
        return true;
    }

    private static void OnlyAddedTolerations(ErrorList errs, JsonArray? n, JsonArray? o)
    {
        foreach (var (_, old) in o.Objects())
        {
            // tolerationSeconds of an existing toleration may change; nothing else may.
            var found = n.Objects().Any(x =>
            {
                var a = (JsonObject)old.DeepClone();
                var b = (JsonObject)x.Item.DeepClone();
                a.Remove("tolerationSeconds");
                b.Remove("tolerationSeconds");
                return JsonNode.DeepEquals(a, b);
            });
            if (!found)
            {
                errs.Forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds");
                return;
            }
        }
        PodSpecRules.ValidateTolerations(errs, n, "spec.tolerations");
    }

    private static void OnlyDeletedSchedulingGates(ErrorList errs, JsonArray? n, JsonArray? o)
    {
        var old = o.Objects().Select(g => g.Item.S("name")).ToHashSet(StringComparer.Ordinal);
        foreach (var (i, g) in n.Objects())
            if (!old.Contains(g.S("name")))
                errs.Forbidden($"spec.schedulingGates[{i}].name", $"only deletion is allowed, but found new scheduling gate '{g.S("name")}'");
    }

    private static void MungeImages(JsonArray? munged, JsonArray? old)
    {
        if (munged is null || old is null) return;
        for (var i = 0; i < munged.Count && i < old.Count; i++)
            if (munged[i] is JsonObject m && old[i] is JsonObject o)
            {
                if (o.TryGetPropertyValue("image", out var img)) m["image"] = img?.DeepClone();
                else m.Remove("image");
            }
    }

    private static void CopyField(JsonObject target, JsonObject source, string key)
    {
        if (source.TryGetPropertyValue(key, out var v)) target[key] = v?.DeepClone();
        else target.Remove(key);
    }

    /// <summary>A go-cmp-like diff of the spec's top-level fields. Upstream prints a diff of its Go structs;
    /// we cannot reproduce that byte for byte, so this shows the same information in JSON.</summary>
    internal static string SpecDiff(JsonObject oldSpec, JsonObject newSpec)
    {
        var b = new StringBuilder("  core.PodSpec{\n");
        var keys = oldSpec.Select(kv => kv.Key).Concat(newSpec.Select(kv => kv.Key)).Distinct().ToList();
        var identical = 0;
        foreach (var k in keys)
        {
            oldSpec.TryGetPropertyValue(k, out var ov);
            newSpec.TryGetPropertyValue(k, out var nv);
            if (JsonRead.Same(ov, nv))
            {
                identical++;
                continue;
            }
            var field = char.ToUpperInvariant(k[0]) + k[1..];
            if (ov is not null) b.Append("- \t").Append(field).Append(": ").Append(ov.ToJsonString()).Append(",\n");
            if (nv is not null) b.Append("+ \t").Append(field).Append(": ").Append(nv.ToJsonString()).Append(",\n");
        }
        if (identical > 0) b.Append("  \t... // ").Append(identical).Append(" identical fields\n");
        return b.Append("  }\n").ToString();
    }
}
