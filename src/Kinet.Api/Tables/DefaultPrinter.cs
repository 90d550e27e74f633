// kube-apiserver's default table for resources without a printer: Name and Created At (RFC 3339, zero time when unset).
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class DefaultPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Created At", "date", ColumnText.CreationTimestamp)];

    public override IReadOnlyList<object?> Cells(JsonObject o, DateTimeOffset now) =>
    [
        Name(o),
        (HumanDuration.ParseTimestamp(Json.At(o, "metadata", "creationTimestamp")) ?? DateTimeOffset.MinValue)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    ];
}
