// ConfigMaps: how many keys (data and binaryData together).
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class ConfigMapPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Data", "string", "Data contains the configuration data."), ColumnText.AgeColumn];

    public override IReadOnlyList<object?> Cells(JsonObject cm, DateTimeOffset now) =>
        [Name(cm), (long)(Json.Count(cm, "data") + Json.Count(cm, "binaryData")), Age(cm, now)];
}
