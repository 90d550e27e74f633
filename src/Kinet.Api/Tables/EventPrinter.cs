// Core events: last/first seen (falling back to eventTime and series), object as kind/name, source, message, count.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class EventPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "The object that this event is about."),
        new("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", 1),
        new("Source", "string", "The component reporting this event. Should be a short machine understandable string.", 1),
        new("Message", "string", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        new("Count", "string", "The number of times this event has occurred.", 1),
        new("Name", "string", ColumnText.Name, 1, "name"),
    ];

    public override IReadOnlyList<object?> Cells(JsonObject ev, DateTimeOffset now)
    {
        var firstSeen = HumanDuration.ParseTimestamp(Json.At(ev, "firstTimestamp")) is not null
            ? HumanDuration.Since(Json.At(ev, "firstTimestamp"), now)
            : HumanDuration.Since(Json.At(ev, "eventTime"), now);
        var lastSeen = HumanDuration.ParseTimestamp(Json.At(ev, "lastTimestamp")) is not null
            ? HumanDuration.Since(Json.At(ev, "lastTimestamp"), now)
            : firstSeen;

        var count = Json.Int(ev, "count");
        if (Json.Obj(ev, "series") is { } series)
        {
            lastSeen = HumanDuration.Since(Json.At(series, "lastObservedTime"), now);
            count = Json.Int(series, "count");
        }
        else if (count == 0)
        {
            count = 1; // Singleton events of the new API carry no count.
        }

        var kind = Json.Str(ev, "involvedObject", "kind").ToLowerInvariant();
        var name = Json.Str(ev, "involvedObject", "name");
        var target = name.Length > 0 ? $"{kind}/{name}" : kind;

        var component = FirstNonEmpty(Json.Str(ev, "source", "component"), Json.Str(ev, "reportingComponent"));
        var host = FirstNonEmpty(Json.Str(ev, "source", "host"), Json.Str(ev, "reportingInstance"));
        var source = host.Length == 0 ? component : $"{component}, {host}";

        return
        [
            lastSeen, Json.Str(ev, "type"), Json.Str(ev, "reason"), target, Json.Str(ev, "involvedObject", "fieldPath"), source,
            Json.Str(ev, "message").Trim(), firstSeen, count, Name(ev),
        ];
    }

    private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;
}
