// Namespaces: phase (Active / Terminating).
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class NamespacePrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Status", "string", "The status of the namespace"),
        ColumnText.AgeColumn,
    ];

    public override IReadOnlyList<object?> Cells(JsonObject ns, DateTimeOffset now) => [Name(ns), Json.Str(ns, "status", "phase"), Age(ns, now)];
}
