// NetworkPolicies: the pod selector as text, <none> when it selects every pod.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class NetworkPolicyPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Pod-Selector", "string", "Selects the pods to which this NetworkPolicy object applies."),
        ColumnText.AgeColumn,
    ];

    // podSelector is a struct upstream, so a missing one formats like an empty one.
    public override IReadOnlyList<object?> Cells(JsonObject np, DateTimeOffset now) =>
        [Name(np), LabelFormat.Selector(Json.Obj(np, "spec", "podSelector") ?? []), Age(np, now)];
}
