// Deployments: ready/desired, up-to-date, available; wide adds containers, images and the selector.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class DeploymentPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Ready", "string", "Number of the pod with ready state"),
        new("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        ColumnText.AgeColumn,
        new("Containers", "string", ColumnText.ContainerNames, 1),
        new("Images", "string", ColumnText.ContainerImages, 1),
        new("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1),
    ];

    public override IReadOnlyList<object?> Cells(JsonObject d, DateTimeOffset now)
    {
        var (names, images) = ContainerCells(d, "spec", "template", "spec");
        return
        [
            Name(d), $"{Json.Int(d, "status", "readyReplicas")}/{Replicas(d)}", Json.Int(d, "status", "updatedReplicas"),
            Json.Int(d, "status", "availableReplicas"), Age(d, now),
            names, images, LabelFormat.SelectorString(Json.Obj(d, "spec", "selector")) ?? "<invalid>",
        ];
    }

    /// <summary>spec.replicas; defaulting makes an absent value 1.</summary>
    public static long Replicas(JsonObject o) => Json.Has(o, "spec", "replicas") ? Json.Int(o, "spec", "replicas") : 1;
}
