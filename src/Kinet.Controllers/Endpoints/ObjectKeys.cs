// Small readers the endpoint controllers share: an object's "namespace/name" key and its parts, its resourceVersion.
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Endpoints;

internal static class ObjectKeys
{
    public static string Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static string Namespace(JsonObject o) => Str(o["metadata"]?["namespace"]);

    public static string Name(JsonObject o) => Str(o["metadata"]?["name"]);

    public static string Key(JsonObject o) => Key(Namespace(o), Name(o));

    public static string Key(string ns, string name) => ns + "/" + name;

    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>The resourceVersion as a number (the store's revisions are), 0 when absent.</summary>
    public static long ResourceVersion(JsonObject? o) =>
        long.TryParse(Str(o?["metadata"]?["resourceVersion"]), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static string Label(JsonObject o, string key) => Str(o["metadata"]?["labels"]?[key]);
}
