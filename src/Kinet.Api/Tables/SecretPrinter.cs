// Secrets: type and how many keys.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class SecretPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Type", "string", "Used to facilitate programmatic handling of secret data."),
        new("Data", "string", "Data contains the secret data."),
        ColumnText.AgeColumn,
    ];

    public override IReadOnlyList<object?> Cells(JsonObject s, DateTimeOffset now) =>
        [Name(s), Json.Str(s, "type"), (long)Json.Count(s, "data"), Age(s, now)];
}
