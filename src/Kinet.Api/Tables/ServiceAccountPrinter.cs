// ServiceAccounts: how many secrets are listed.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class ServiceAccountPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
        [ColumnText.NameColumn, new("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), ColumnText.AgeColumn];

    public override IReadOnlyList<object?> Cells(JsonObject sa, DateTimeOffset now) =>
        [Name(sa), (long)Json.Count(sa, "secrets"), Age(sa, now)];
}
