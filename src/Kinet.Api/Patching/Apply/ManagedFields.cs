// Field ownership for non-apply writes (create, update, patch), and the metadata.managedFields helpers the HTTP layer
// needs. Mirrors kube-apiserver's FieldManager.Update chain: take the entries the client sent or the live ones, record
// what this write changed under its manager's Update entry, strip server-owned metadata, cap the number of updaters.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

public static class ManagedFields
{
    /// <summary>Upstream validation.FieldManagerMaxLength.</summary>
    public const int FieldManagerMaxLength = 128;

    // Fields nobody owns (upstream stripMetaManager): identity and bookkeeping the server writes.
    private static readonly FieldSet StripSet = FieldSet.Of(
        [PathElement.Field("apiVersion")],
        [PathElement.Field("kind")],
        [PathElement.Field("metadata")],
        Meta("name"), Meta("namespace"), Meta("creationTimestamp"), Meta("selfLink"), Meta("uid"), Meta("clusterName"),
        Meta("generation"), Meta("managedFields"), Meta("resourceVersion"));

    private static PathElement[] Meta(string name) => [PathElement.Field("metadata"), PathElement.Field(name)];

    /// <summary>
    /// Records a create, update or patch by <paramref name="manager"/> in newObj's metadata.managedFields. oldObj is the
    /// stored object (null on create). Call it with the final object (after defaulting), as upstream does. Client-sent
    /// managedFields on newObj are honoured like upstream: [] or [{}] resets them, valid entries replace them, anything
    /// else (or absence) keeps the live ones; on a subresource the live ones are always used.
    /// </summary>
    public static void RecordUpdate(ResourceInfo r, JsonObject? oldObj, JsonObject newObj, string manager, string? subresource, DateTimeOffset now)
    {
        var live = oldObj is null ? ZeroObjects.For(r) : oldObj.DeepClone().AsObject();
        var managed = StartingState(live, newObj, !string.IsNullOrEmpty(subresource));
        Strip(live);
        Strip(newObj);
        // Upstream skipNonAppliedManager: an existing object nobody tracks (or whose entries were reset with []) stays
        // untracked until its first apply; only creates start tracking.
        if (managed.Managers.Count == 0 && oldObj is not null) return;
        Record(r, live, newObj, managed, manager, subresource, now);
        Set(newObj, managed);
    }

    /// <summary>The Update chain on decoded state: record the write as <paramref name="manager"/>, strip server fields, cap updaters.</summary>
    internal static void Record(ResourceInfo r, JsonObject live, JsonObject newObj, ManagedFieldsState managed, string manager, string? subresource, DateTimeOffset now)
    {
        var version = r.ApiVersion;
        var key = ManagerKey.ForUpdate(manager.Length == 0 ? "unknown" : manager, version, subresource);
        // Upstream records the write under a temporary manager first, so that the write's own fields can be told apart.
        var self = new ManagerKey("", "current-operation", version, null);
        new Updater(ApiSchema.For(r), ResetFields.For(r, subresource)).Update(live, newObj, version, managed, self);
        StripServerFields(managed, self);
        if (managed.Managers.Remove(self, out var mine))
        {
            var set = managed.Managers.TryGetValue(key, out var previous) ? mine.Set.Union(previous.Set) : mine.Set;
            managed.Managers[key] = new ManagedSet(set, version, false, Truncate(now));
        }
        ManagerCap.Apply(managed);
    }

    private static ManagedFieldsState StartingState(JsonObject live, JsonObject newObj, bool subresource)
    {
        var liveState = DecodeOrEmpty(Entries(live));
        if (subresource) return liveState;
        var sent = Entries(newObj);
        if (sent is JsonArray a && (a.Count == 0 || (a.Count == 1 && a[0] is JsonObject { Count: 0 }))) return new ManagedFieldsState();
        try
        {
            var state = ManagedFieldsState.Decode(sent);
            return state.Managers.Count > 0 ? state : liveState;
        }
        catch (FormatException)
        {
            return liveState;
        }
    }

    private static ManagedFieldsState DecodeOrEmpty(JsonNode? entries)
    {
        try { return ManagedFieldsState.Decode(entries); }
        catch (FormatException) { return new ManagedFieldsState(); }
    }

    internal static void StripServerFields(ManagedFieldsState managed, ManagerKey key)
    {
        if (!managed.Managers.TryGetValue(key, out var owned)) return;
        var set = owned.Set.Difference(StripSet);
        if (set.IsEmpty) managed.Managers.Remove(key);
        else managed.Managers[key] = owned with { Set = set };
    }

    /// <summary>metadata.managedFields of an object, or null.</summary>
    public static JsonNode? Entries(JsonObject obj) => (obj["metadata"] as JsonObject)?["managedFields"];

    /// <summary>Removes metadata.managedFields (e.g. before comparing objects, or for clients that ask for objects without it).</summary>
    public static void Strip(JsonObject obj) => (obj["metadata"] as JsonObject)?.Remove("managedFields");

    /// <summary>Decodes an object's managedFields. Throws FormatException with upstream's message when they are invalid.</summary>
    public static ManagedFieldsState Decode(JsonObject obj) => ManagedFieldsState.Decode(Entries(obj));

    /// <summary>Writes the entries into metadata.managedFields; no entries means no field, as upstream encodes nil.</summary>
    public static void Set(JsonObject obj, ManagedFieldsState managed)
    {
        if (managed.Managers.Count == 0)
        {
            Strip(obj);
            return;
        }
        if (obj["metadata"] is not JsonObject meta) obj["metadata"] = meta = new JsonObject();
        meta["managedFields"] = managed.Encode();
    }

    /// <summary>
    /// The manager of a request (upstream managerOrUserAgent): the fieldManager parameter, else the User-Agent up to its
    /// first "/" ("kubectl/v1.32.0 (linux/amd64) kubernetes/abc" → "kubectl"), without unprintable characters, at most 128 bytes.
    /// </summary>
    public static string ManagerFor(string? fieldManager, string? userAgent)
    {
        if (!string.IsNullOrEmpty(fieldManager)) return fieldManager;
        var prefix = (userAgent ?? "").Split('/')[0];
        var b = new StringBuilder();
        var bytes = 0;
        foreach (var rune in prefix.EnumerateRunes())
        {
            if (!IsPrint(rune)) continue;
            if (bytes + rune.Utf8SequenceLength > FieldManagerMaxLength) break;
            bytes += rune.Utf8SequenceLength;
            b.Append(rune.ToString());
        }
        return b.ToString();
    }

    /// <summary>
    /// Upstream ValidateManagedFields (metadata validation on create and update): operation, fieldsType, manager and
    /// subresource of each client-sent entry.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(JsonNode? entries, string path = "metadata.managedFields")
    {
        var errors = new List<FieldError>();
        if (entries is not JsonArray a) return errors;
        for (var i = 0; i < a.Count; i++)
        {
            var at = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
            var e = a[i] as JsonObject ?? [];
            var operation = Text(e, "operation");
            if (operation is not (ManagerKey.Apply or ManagerKey.Update))
                errors.Add(new FieldError(FieldErrorType.Invalid, at + ".operation", "must be `Apply` or `Update`", operation ?? ""));
            var fieldsType = Text(e, "fieldsType");
            if (!string.IsNullOrEmpty(fieldsType) && fieldsType != "FieldsV1")
                errors.Add(new FieldError(FieldErrorType.Invalid, at + ".fieldsType", "must be `FieldsV1`", fieldsType));
            errors.AddRange(ValidateManager(Text(e, "manager") ?? "", at + ".manager"));
            var sub = Text(e, "subresource") ?? "";
            if (sub.Length > 256)
                errors.Add(new FieldError(FieldErrorType.TooLong, at + ".subresource", "may not be more than 256 bytes", sub));
        }
        return errors;
    }

    /// <summary>Upstream ValidateFieldManager: at most 128 bytes, printable characters only.</summary>
    public static IReadOnlyList<FieldError> ValidateManager(string manager, string path)
    {
        var errors = new List<FieldError>();
        if (Encoding.UTF8.GetByteCount(manager) > FieldManagerMaxLength)
            errors.Add(new FieldError(FieldErrorType.TooLong, path, $"may not be more than {FieldManagerMaxLength} bytes", manager));
        var position = 0;
        foreach (var rune in manager.EnumerateRunes())
        {
            if (!IsPrint(rune))
                errors.Add(new FieldError(FieldErrorType.Invalid, path,
                    $"invalid character U+{rune.Value:X4} (at position {position.ToString(CultureInfo.InvariantCulture)})", manager));
            position += rune.Utf8SequenceLength;
        }
        return errors;
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune r) =>
        r.Value == ' ' || Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static DateTimeOffset Truncate(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    internal static ApiException InternalError(string message) => new(500, "", message);
}
