// Runs an object through the server's order of work (namespace from the URL, defaults, create strategy, validation)
// and renders the errors as the "field: message" lines of a kube-apiserver 422.
using System.Text.Json.Nodes;
using Kinet.Api.Defaulting;
using Kinet.Api.Validation;

namespace Kinet.Api.Tests.Validation;

internal static class ValidationHarness
{
    /// <summary>The object as it would be stored on create (defaulted, prepared), from YAML.</summary>
    public static JsonObject Prepared(string yaml)
    {
        var obj = TestYaml.Parse(yaml);
        var r = TestYaml.ResourceOf(obj);
        if (r.Namespaced && obj["metadata"] is JsonObject meta && meta["namespace"] is null) meta["namespace"] = "default";
        Defaulter.Apply(r, obj);
        Defaulter.PrepareForCreate(r, obj);
        return obj;
    }

    public static string[] CreateErrors(string yaml)
    {
        var obj = Prepared(yaml);
        return Validator.ValidateCreate(TestYaml.ResourceOf(obj), obj).Select(e => e.ToString()).ToArray();
    }

    /// <summary>
    /// Errors of updating the stored form of oldYaml with newYaml sent as a merge patch, the way `kubectl apply` changes
    /// an object: fields the manifest leaves out (admission defaults, allocated IPs) stay as stored.
    /// </summary>
    public static string[] UpdateErrors(string oldYaml, string newYaml)
    {
        var old = Prepared(oldYaml);
        var updated = (JsonObject)MergePatch(old.DeepClone(), TestYaml.Parse(newYaml))!;
        var r = TestYaml.ResourceOf(updated);
        if (r.Namespaced && updated["metadata"] is JsonObject meta && meta["namespace"] is null) meta["namespace"] = "default";
        Defaulter.Apply(r, updated);
        Defaulter.PrepareForUpdate(r, updated, old);
        return Validator.ValidateUpdate(r, updated, old).Select(e => e.ToString()).ToArray();
    }

    /// <summary>RFC 7386: objects merge recursively, null deletes, anything else replaces.</summary>
    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var t = target as JsonObject ?? [];
        foreach (var (k, v) in p)
        {
            if (v is null) t.Remove(k);
            else t[k] = MergePatch(t[k]?.DeepClone(), v);
        }
        return t;
    }
}
