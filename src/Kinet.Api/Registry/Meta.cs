// Small accessors for ObjectMeta fields on a JsonObject, so handlers read like the apiserver's registry code.
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Api.Registry;

public static class Meta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        m = new JsonObject();
        obj["metadata"] = m;
        return m;
    }

    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(JsonObject obj) => Str((obj["metadata"] as JsonObject)?["name"]) ?? "";
    public static string Namespace(JsonObject obj) => Str((obj["metadata"] as JsonObject)?["namespace"]) ?? "";
    public static string? Uid(JsonObject obj) => Str((obj["metadata"] as JsonObject)?["uid"]);
    public static string? ResourceVersion(JsonObject obj) => Str((obj["metadata"] as JsonObject)?["resourceVersion"]);
    public static JsonObject? Labels(JsonObject obj) => (obj["metadata"] as JsonObject)?["labels"] as JsonObject;
    public static bool IsDeleting(JsonObject obj) => (obj["metadata"] as JsonObject)?["deletionTimestamp"] is not null;

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        ((obj["metadata"] as JsonObject)?["finalizers"] as JsonArray)?.Select(Str).OfType<string>().ToArray() ?? [];

    public static long Generation(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    /// <summary>RFC 3339 with second precision and Z, as metav1.Time marshals.</summary>
    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static long ParseRevision(string? rv, string what = "resourceVersion")
    {
        if (string.IsNullOrEmpty(rv)) return 0;
        if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            throw Errors.ApiException.BadRequest($"invalid {what}: \"{rv}\"");
        return r;
    }
}
