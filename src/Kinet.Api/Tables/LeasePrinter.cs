// Leases: the current holder.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class LeasePrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."), ColumnText.AgeColumn];

    public override IReadOnlyList<object?> Cells(JsonObject l, DateTimeOffset now) =>
        [Name(l), Json.Str(l, "spec", "holderIdentity"), Age(l, now)];
}
