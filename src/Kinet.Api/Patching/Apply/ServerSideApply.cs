// Server-side apply (PATCH with application/apply-patch+yaml): merges an applied configuration into the live object
// by the schema, removes what this manager stopped applying, detects conflicts with other managers, and records the
// manager's Apply entry. Mirrors kube-apiserver's FieldManager.Apply chain (version check, last-applied handling for
// "kubectl", managed-fields bookkeeping, metadata stripping, structured merge).
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

public static class ServerSideApply
{
    public const string BeforeFirstApply = "before-first-apply";

    /// <summary>
    /// Applies <paramref name="applied"/> (the request body as JSON) as <paramref name="manager"/>. live is the stored
    /// object, or null to create it (upsert). Returns the resulting object with metadata.managedFields set; when nothing
    /// but ownership changed it equals live apart from managedFields. Throws ApiException: 409 Conflict (unless force),
    /// 400 for a wrong apiVersion/kind or client-sent managedFields, 500 for a configuration the schema cannot type (as
    /// kube-apiserver 1.32 does). The caller still applies the strategy (status reset, server-set metadata) and validation.
    /// </summary>
    public static JsonObject Apply(ResourceInfo r, JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now, string? subresource = null)
    {
        CheckKind(r, applied);
        if (applied["metadata"] is JsonObject appliedMeta && appliedMeta["managedFields"] is not null)
            throw ApiException.BadRequest("metadata.managedFields must be nil");

        var liveObj = live?.DeepClone().AsObject() ?? new JsonObject();
        ManagedFieldsState managed;
        try { managed = ManagedFields.Decode(liveObj); }
        catch (FormatException e) { throw ManagedFields.InternalError("failed to decode managed fields: " + e.Message); }
        ManagedFields.Strip(liveObj);

        var root = ApiSchema.For(r);
        var errors = TypedValidator.Validate(root, applied);
        if (errors.Count > 0)
            throw ManagedFields.InternalError($"failed to create typed patch object ({Describe(r, applied, liveObj)}): {FormatErrors(errors)}");

        // Upstream skipNonAppliedManager: fields of an object nobody tracked so far belong to "before-first-apply".
        if (managed.Managers.Count == 0)
            ManagedFields.Record(r, ZeroObjects.For(r), liveObj, managed, BeforeFirstApply, subresource, now);

        var key = ManagerKey.ForApply(manager, subresource);
        var updater = new Updater(root, ResetFields.For(r, subresource));
        JsonObject? result;
        ManagedFieldsState after;
        try
        {
            (result, after) = Run(updater, liveObj, applied, r.ApiVersion, managed, key, force);
        }
        catch (ApplyConflictException conflicts) when (manager == LastApplied.KubectlManager)
        {
            // An object kubectl created with client-side apply may be taken over by kubectl's server-side apply: fields
            // the last-applied annotation still describes are not conflicts.
            var allowed = LastApplied.AllowedConflicts(root, liveObj, r.ApiVersion);
            if (allowed is null) throw conflicts.ToApiException();
            var remaining = conflicts.Conflicts.Where(c => !allowed.Has(c.Path)).ToList();
            if (remaining.Count > 0) throw new ApplyConflictException(remaining).ToApiException();
            (result, after) = Run(updater, liveObj, applied, r.ApiVersion, managed, key, force: true);
        }
        catch (ApplyConflictException conflicts)
        {
            throw conflicts.ToApiException();
        }

        if (result is not null && after.Managers.TryGetValue(key, out var mine))
            after.Managers[key] = mine with { Time = ManagedFields.Truncate(now) };
        result ??= liveObj;
        ManagedFields.StripServerFields(after, key);
        ManagerCap.Apply(after);
        if (manager == LastApplied.KubectlManager) LastApplied.Sync(result, applied);
        RemoveNulls(result);
        ManagedFields.Set(result, after);
        return result;
    }

    private static (JsonObject? Result, ManagedFieldsState Managed) Run(Updater updater, JsonObject live, JsonObject applied, string version,
        ManagedFieldsState managed, ManagerKey key, bool force)
    {
        var state = managed.Copy();
        var result = updater.Apply(live, applied, version, state, key, force);
        // The applier's previous time stays unless the object changes.
        if (managed.Managers.TryGetValue(key, out var before) && state.Managers.TryGetValue(key, out var current))
            state.Managers[key] = current with { Time = before.Time };
        return (result, state);
    }

    // Upstream versionCheckManager: the body must be this resource's apiVersion and kind.
    private static void CheckKind(ResourceInfo r, JsonObject applied)
    {
        var apiVersion = (applied["apiVersion"] as JsonValue)?.TryGetValue<string>(out var v) == true ? v : "";
        var kind = (applied["kind"] as JsonValue)?.TryGetValue<string>(out var k) == true ? k : "";
        if (apiVersion == r.ApiVersion && kind == r.Kind) return;
        var slash = apiVersion.IndexOf('/');
        var gv = slash < 0 ? "/" + apiVersion : apiVersion;
        throw ApiException.BadRequest($"invalid object type: {gv}, Kind={kind}");
    }

    // "default/web; apps/v1, Kind=Deployment", as upstream's objectGVKNN.
    private static string Describe(ResourceInfo r, JsonObject applied, JsonObject live)
    {
        static string? Meta(JsonObject o, string f) => (o["metadata"]?[f] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
        var ns = Meta(applied, "namespace") ?? Meta(live, "namespace") ?? "";
        var name = Meta(applied, "name") ?? Meta(live, "name") ?? "";
        var gv = r.Group.Length == 0 ? "/" + r.Version : r.ApiVersion;
        return $"{ns}/{name}; {gv}, Kind={r.Kind}";
    }

    private static string FormatErrors(List<string> errors) =>
        errors.Count == 1 ? errors[0] : "errors:\n" + string.Join("\n", errors.Select(e => "  " + e));

    // Go drops JSON nulls when it decodes into typed objects; the stored object should not carry them either.
    private static void RemoveNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
                foreach (var (_, v) in o) RemoveNulls(v);
                break;
            case JsonArray a:
                foreach (var item in a) RemoveNulls(item);
                break;
        }
    }
}
