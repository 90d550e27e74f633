// Small readers over API objects for every controller: metadata, keys, owner references and numbers, absent or
// mistyped fields reading as defaults ("" for strings).
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Runtime;

internal static class ObjectJson
{
    public static JsonNode? At(JsonNode? node, params string[] path) => Kinet.Model.JsonRead.At(node, path);

    public static string Str(JsonNode? node, params string[] path) => Kinet.Model.JsonRead.Str(node, path) ?? "";

    public static long? Long(JsonNode? node, params string[] path) => Kinet.Model.JsonRead.Long(node, path);

    public static int Int(JsonNode? node, int fallback, params string[] path) => (int)(Long(node, path) ?? fallback);

    public static string Name(JsonObject o) => Str(o, "metadata", "name");
    public static string Namespace(JsonObject o) => Str(o, "metadata", "namespace");
    public static string Uid(JsonObject o) => Str(o, "metadata", "uid");
    public static string Key(JsonObject o) => Key(Namespace(o), Name(o));
    public static string Key(string ns, string name) => ns + "/" + name;

    /// <summary>The resourceVersion as a number (the store's revisions are), 0 when absent.</summary>
    public static long ResourceVersion(JsonObject? o) =>
        long.TryParse(Str(o, "metadata", "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static string Label(JsonObject o, string key) => Str(o, "metadata", "labels", key);
    public static bool IsDeleting(JsonObject o) => At(o, "metadata", "deletionTimestamp") is not null;
    public static JsonObject? Labels(JsonObject o) => At(o, "metadata", "labels") as JsonObject;

    public static (string Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>metav1.GetControllerOf: the owner reference with controller: true.</summary>
    public static JsonObject? ControllerOf(JsonObject o) =>
        (At(o, "metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);

    /// <summary>The UID of the object's controller, or "" for an orphan.</summary>
    public static string ControllerUid(JsonObject o) => ControllerOf(o) is { } r ? Str(r, "uid") : "";

    public static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
