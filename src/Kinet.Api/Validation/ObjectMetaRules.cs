// metadata checks every kind shares: apimachinery ValidateObjectMeta / ValidateObjectMetaUpdate plus core's finalizer rule.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

/// <summary>Validates a name; the flag is "prefix" (a generateName, which may end with '-').</summary>
internal delegate List<string> NameRule(string name, bool prefix);

internal static class ObjectMetaRules
{
    public const int TotalAnnotationSizeLimit = 256 * 1024;
    private static readonly HashSet<string> StandardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    public static readonly NameRule DnsSubdomain = (n, p) => NameFormats.IsDns1123Subdomain(p ? NameFormats.MaskTrailingDash(n) : n);
    public static readonly NameRule DnsLabel = (n, p) => NameFormats.IsDns1123Label(p ? NameFormats.MaskTrailingDash(n) : n);
    public static readonly NameRule Dns1035Label = (n, p) => NameFormats.IsDns1035Label(p ? NameFormats.MaskTrailingDash(n) : n);

    /// <summary>Create-time metadata rules. The name must already be generated from generateName, as upstream validates after that.</summary>
    public static void ValidateCreate(ErrorList errs, JsonObject obj, bool namespaced, NameRule nameRule)
    {
        var meta = obj.Obj("metadata");
        var generateName = meta.S("generateName");
        if (generateName.Length > 0) errs.InvalidEach("metadata.generateName", generateName, nameRule(generateName, true));
        var name = meta.S("name");
        // Upstream generates the name before validating; tolerate a caller that validates first.
        if (name.Length == 0 && generateName.Length == 0) errs.Required("metadata.name", "name or generateName is required");
        else if (name.Length > 0) errs.InvalidEach("metadata.name", name, nameRule(name, false));

        var ns = meta.S("namespace");
        if (namespaced)
        {
            if (ns.Length == 0) errs.Required("metadata.namespace");
            else errs.InvalidEach("metadata.namespace", ns, NameFormats.IsDns1123Label(ns));
        }
        else if (ns.Length > 0)
        {
            errs.Forbidden("metadata.namespace", "not allowed on this type");
        }

        if (meta.Int("generation") is < 0 and var g) errs.Invalid("metadata.generation", g, "must be greater than or equal to 0");
        ValidateCommon(errs, meta, checkFinalizers: true);
    }

    public static void ValidateUpdate(ErrorList errs, JsonObject newObj, JsonObject oldObj)
    {
        var n = newObj.Obj("metadata");
        var o = oldObj.Obj("metadata");
        if (o.Has("deletionTimestamp"))
        {
            var oldFinalizers = o.Arr("finalizers").Strings().Select(x => x.Value).ToHashSet(StringComparer.Ordinal);
            var extra = n.Arr("finalizers").Strings().Select(x => x.Value).Where(f => !oldFinalizers.Contains(f)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (extra.Count > 0)
                errs.Forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers []string{" +
                                                      string.Join(", ", extra.Select(GoRepr.Quote)) + "}");
        }
        Immutable(errs, "metadata.name", n, o, "name");
        Immutable(errs, "metadata.namespace", n, o, "namespace");
        // A missing uid means "keep the stored one" (rest.BeforeUpdate copies it), so only a different uid is a change.
        if (n.Has("uid")) Immutable(errs, "metadata.uid", n, o, "uid");
        if (n.Has("creationTimestamp")) Immutable(errs, "metadata.creationTimestamp", n, o, "creationTimestamp");
        Immutable(errs, "metadata.deletionTimestamp", n, o, "deletionTimestamp");
        Immutable(errs, "metadata.deletionGracePeriodSeconds", n, o, "deletionGracePeriodSeconds");
        ValidateCommon(errs, n, checkFinalizers: false);
    }

    private static void Immutable(ErrorList errs, string path, JsonObject? n, JsonObject? o, string key)
    {
        JsonNode? nv = n is not null && n.TryGetPropertyValue(key, out var a) ? a : null;
        JsonNode? ov = o is not null && o.TryGetPropertyValue(key, out var b) ? b : null;
        if (!JsonRead.Same(nv, ov)) errs.Invalid(path, BadValue(nv), "field is immutable");
    }

    /// <summary>The Go-printed form of a scalar: strings quoted, numbers bare, absent as "".</summary>
    public static object BadValue(JsonNode? n) => JsonRead.AsString(n) ?? (object?)JsonRead.AsLong(n) ?? (n is null ? "" : n);

    private static void ValidateCommon(ErrorList errs, JsonObject? meta, bool checkFinalizers)
    {
        LabelRules.ValidateLabels(errs, "metadata.labels", meta.Obj("labels"));
        ValidateAnnotations(errs, "metadata.annotations", meta.Obj("annotations"));
        ValidateOwnerReferences(errs, meta.Arr("ownerReferences"));
        if (checkFinalizers) ValidateFinalizers(errs, meta);
    }

    public static void ValidateAnnotations(ErrorList errs, string path, JsonObject? annotations)
    {
        if (annotations is null) return;
        long total = 0;
        foreach (var (k, v) in annotations)
        {
            errs.InvalidEach(path, k, NameFormats.IsQualifiedName(k.ToLowerInvariant()));
            total += System.Text.Encoding.UTF8.GetByteCount(k) + System.Text.Encoding.UTF8.GetByteCount(JsonRead.AsString(v) ?? "");
        }
        if (total > TotalAnnotationSizeLimit) errs.TooLong(path, TotalAnnotationSizeLimit);
    }

    private static void ValidateOwnerReferences(ErrorList errs, JsonArray? refs)
    {
        const string path = "metadata.ownerReferences";
        string? firstController = null;
        foreach (var (_, r) in refs.Objects())
        {
            var apiVersion = r.S("apiVersion");
            var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
            if (version.Length == 0) errs.Invalid(path + ".apiVersion", apiVersion, "version must not be empty");
            if (r.S("kind").Length == 0) errs.Invalid(path + ".kind", r.S("kind"), "kind must not be empty");
            if (r.S("name").Length == 0) errs.Invalid(path + ".name", r.S("name"), "name must not be empty");
            if (r.S("uid").Length == 0) errs.Invalid(path + ".uid", r.S("uid"), "uid must not be empty");
            if (r.Bool("controller") == true)
            {
                var current = r.S("kind") + "/" + r.S("name");
                if (firstController is null) firstController = current;
                else errs.Invalid(path, refs, $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}");
            }
        }
    }

    private static void ValidateFinalizers(ErrorList errs, JsonObject? meta)
    {
        var finalizers = meta.Arr("finalizers");
        foreach (var (_, f) in finalizers.Strings()) errs.InvalidEach("metadata.finalizers", f, NameFormats.IsQualifiedName(f));
        var all = finalizers.Strings().Select(x => x.Value).ToList();
        if (all.Contains("orphan") && all.Contains("foregroundDeletion"))
            errs.Invalid("metadata.finalizers", GoRepr.StringSlice(finalizers), "finalizer orphan and foregroundDeletion cannot be both set");
        foreach (var (i, f) in finalizers.Strings())
            if (!f.Contains('/', StringComparison.Ordinal) && !StandardFinalizers.Contains(f))
                errs.Invalid($"metadata.finalizers[{i}]", f, "name is neither a standard finalizer name nor is it fully qualified");
    }
}
