// The decoded metadata.managedFields of an object: manager → field set. Decodes and encodes the wire entries the way
// upstream's DecodeManagedFields / encodeManagedFields do (validation messages, entry field order, sort order).
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching.Apply;

public sealed class ManagedFieldsState
{
    public Dictionary<ManagerKey, ManagedSet> Managers { get; } = [];

    public ManagedFieldsState Copy()
    {
        var c = new ManagedFieldsState();
        foreach (var (k, v) in Managers) c.Managers[k] = v;
        return c;
    }

    /// <summary>Decodes a managedFields array; throws FormatException with upstream's message when an entry is invalid.</summary>
    public static ManagedFieldsState Decode(JsonNode? entries)
    {
        var state = new ManagedFieldsState();
        if (entries is null) return state;
        if (entries is not JsonArray a) throw new FormatException("managedFields must be a list");
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] is not JsonObject e) throw new FormatException($"managed fields entry {i} must be an object");
            var operation = Str(e, "operation");
            if (operation is not (ManagerKey.Apply or ManagerKey.Update)) throw new FormatException("operation must be `Apply` or `Update`");
            var apiVersion = Str(e, "apiVersion");
            if (string.IsNullOrEmpty(apiVersion)) throw new FormatException("apiVersion must not be empty");
            var fieldsType = Str(e, "fieldsType");
            if (string.IsNullOrEmpty(fieldsType)) throw new FormatException($"missing fieldsType in managed fields entry {i}");
            if (fieldsType != "FieldsV1") throw new FormatException($"invalid fieldsType \"{fieldsType}\" in managed fields entry {i}");
            var manager = Str(e, "manager") ?? "";
            var subresource = Str(e, "subresource");
            var key = operation == ManagerKey.Apply ? ManagerKey.ForApply(manager, subresource) : ManagerKey.ForUpdate(manager, apiVersion, subresource);
            DateTimeOffset? time = null;
            if (Str(e, "time") is { Length: > 0 } t)
                time = DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed : throw new FormatException($"invalid time \"{t}\" in managed fields entry {i}");
            var set = FieldsV1.Decode(e["fieldsV1"]);
            state.Managers[key] = new ManagedSet(set, apiVersion, operation == ManagerKey.Apply, time);
        }
        return state;
    }

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : o[name] is null ? null : throw new FormatException($"{name} must be a string");

    /// <summary>The wire entries, sorted as upstream sorts them: Apply before Update, then by time, manager, apiVersion, subresource.</summary>
    public JsonArray Encode()
    {
        var sorted = Managers
            .OrderBy(m => m.Value.Applied ? 0 : 1)
            .ThenBy(m => m.Value.Time is { } t ? t.ToUnixTimeSeconds() : 0)
            .ThenBy(m => m.Key.Manager, StringComparer.Ordinal)
            .ThenBy(m => m.Value.ApiVersion, StringComparer.Ordinal)
            .ThenBy(m => m.Key.Subresource ?? "", StringComparer.Ordinal);
        var a = new JsonArray();
        foreach (var (key, set) in sorted)
        {
            // Go's omitempty: an entry decoded from a client without a manager has none when written back.
            var e = new JsonObject();
            if (key.Manager.Length > 0) e["manager"] = key.Manager;
            e["operation"] = set.Applied ? ManagerKey.Apply : ManagerKey.Update;
            e["apiVersion"] = set.ApiVersion;
            if (set.Time is { } time) e["time"] = FormatTime(time);
            e["fieldsType"] = "FieldsV1";
            e["fieldsV1"] = FieldsV1.Encode(set.Set);
            if (key.Subresource is { } sub) e["subresource"] = sub;
            a.Add(e);
        }
        return a;
    }

    /// <summary>metav1.Time's wire form: RFC 3339 in UTC, whole seconds.</summary>
    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
