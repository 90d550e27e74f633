// The ReplicaSet a Deployment creates for its current template (getNewReplicaSet): named by the template hash, labelled
// and selected with pod-template-hash, owned by the Deployment, annotated with revision and replica counts.
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class NewReplicaSet
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    // Deployment annotations that are the controller's own or kubectl's, never copied to ReplicaSets.
    private static readonly HashSet<string> NotCopied =
    [
        "kubectl.kubernetes.io/last-applied-configuration", RevisionAnnotation, "deployment.kubernetes.io/revision-history",
        DesiredReplicasAnnotation, MaxReplicasAnnotation, "deprecated.deployment.rollback.to",
    ];

    /// <summary>The hash of a Deployment's template, with its status.collisionCount.</summary>
    public static string HashOf(JsonObject deployment) =>
        PodTemplateHash.Compute(JsonRead.At(deployment, "spec", "template") as JsonObject,
            (int?)JsonRead.Long(deployment, "status", "collisionCount"));

    /// <summary>1 + the highest revision annotation among the Deployment's existing ReplicaSets.</summary>
    public static long NextRevision(IEnumerable<JsonObject> replicaSets) =>
        1 + replicaSets.Select(RevisionOf).DefaultIfEmpty(0).Max();

    public static long RevisionOf(JsonObject rs) =>
        long.TryParse(JsonRead.Str(rs, "metadata", "annotations", RevisionAnnotation), NumberStyles.None,
            CultureInfo.InvariantCulture, out var r) ? r : 0;

    public static JsonObject Build(JsonObject deployment, int replicas, long revision)
    {
        var name = JsonRead.Str(deployment, "metadata", "name") ?? "";
        var hash = HashOf(deployment);
        var template = JsonRead.At(deployment, "spec", "template")?.DeepClone() as JsonObject ?? [];
        var templateMeta = template["metadata"] as JsonObject ?? [];
        template["metadata"] = templateMeta;
        var labels = templateMeta["labels"] as JsonObject ?? [];
        labels[PodTemplateHash.Label] = hash;
        templateMeta["labels"] = labels;

        var selector = JsonRead.At(deployment, "spec", "selector")?.DeepClone() as JsonObject ?? [];
        var matchLabels = selector["matchLabels"] as JsonObject ?? [];
        matchLabels[PodTemplateHash.Label] = hash;
        selector["matchLabels"] = matchLabels;

        var annotations = new JsonObject();
        if (JsonRead.At(deployment, "metadata", "annotations") is JsonObject da)
            foreach (var (k, v) in da)
                if (!NotCopied.Contains(k)) annotations[k] = v?.DeepClone();
        var (desired, max) = ReplicasAnnotations(deployment);
        annotations[DesiredReplicasAnnotation] = desired;
        annotations[MaxReplicasAnnotation] = max;
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);

        var spec = new JsonObject { ["replicas"] = replicas };
        if (JsonRead.Long(deployment, "spec", "minReadySeconds") is { } mrs) spec["minReadySeconds"] = mrs;
        spec["selector"] = selector;
        spec["template"] = template;

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = WorkloadNames.ReplicaSet(name, hash),
                ["namespace"] = JsonRead.Str(deployment, "metadata", "namespace"),
                ["labels"] = labels.DeepClone(),
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(ControllerRef(deployment, "apps/v1", "Deployment")),
            },
            ["spec"] = spec,
        };
    }

    /// <summary>The desired-replicas and max-replicas annotation values the controller refreshes on every ReplicaSet
    /// it scales (SetReplicasAnnotations).</summary>
    public static (string Desired, string Max) ReplicasAnnotations(JsonObject deployment)
    {
        var desired = JsonRead.Int(deployment, 1, "spec", "replicas");
        var max = desired + RollingUpdate.MaxSurgeOf(RollingUpdate.Of(deployment), desired);
        return (desired.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>metav1.NewControllerRef: controller and blockOwnerDeletion set.</summary>
    public static JsonObject ControllerRef(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = JsonRead.Str(owner, "metadata", "name"),
        ["uid"] = JsonRead.Str(owner, "metadata", "uid"),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
