// Conventions for the table tests: the clock stands at Now; objects are written as JSON; a row reads as "cell | cell | …".
using System.Text.Json.Nodes;
using Kinet.Api.Resources;
using Kinet.Api.Tables;

namespace Kinet.Api.Tests.Tables;

internal static class TableTestKit
{
    public static readonly DateTimeOffset Now = new(2025, 1, 11, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An RFC 3339 timestamp the given time before Now.</summary>
    public static string Ago(TimeSpan t) => (Now - t).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>The single row of the object's table, cells joined with " | " (null cells print as empty).</summary>
    public static string Row(string group, string plural, string json)
    {
        var table = TableConverter.ToTable(ResourceRegistry.Get(group, plural), [Parse(json)], new TableOptions(), Now);
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        return string.Join(" | ", cells.Select(c => c switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => c.ToJsonString(),
        }));
    }

    /// <summary>The header as kubectl -o wide prints it: column names, upper-cased, with the priority-1 ones marked (w).</summary>
    public static string Header(string group, string plural) =>
        string.Join(" | ", TableConverter.ColumnDefinitions(ResourceRegistry.Get(group, plural))
            .Select(c => c.Name.ToUpperInvariant() + (c.Priority > 0 ? "(w)" : "")));
}
