// ReplicaSets: desired, current and ready as integers; wide adds containers, images and the selector.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class ReplicaSetPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Desired", "integer", "Replicas is the number of desired replicas."),
        new("Current", "integer", "Replicas is the most recently observed number of replicas."),
        new("Ready", "integer", "The number of ready replicas for this replica set."),
        ColumnText.AgeColumn,
        new("Containers", "string", ColumnText.ContainerNames, 1),
        new("Images", "string", ColumnText.ContainerImages, 1),
        new("Selector", "string", "Selector is a label query over pods that should match the replica count.", 1),
    ];

    public override IReadOnlyList<object?> Cells(JsonObject rs, DateTimeOffset now)
    {
        var (names, images) = ContainerCells(rs, "spec", "template", "spec");
        return
        [
            Name(rs), DeploymentPrinter.Replicas(rs), Json.Int(rs, "status", "replicas"), Json.Int(rs, "status", "readyReplicas"), Age(rs, now),
            names, images, LabelFormat.Selector(Json.Obj(rs, "spec", "selector")),
        ];
    }
}
