// Reasons and messages of the events the Deployment and ReplicaSet controllers record, worded as in 1.32
// (`kubectl describe deploy/rs` shows them).
using System.Globalization;

namespace Kinet.Model.Workloads;

public static class WorkloadEvents
{
    public const string DeploymentSource = "deployment-controller";
    public const string ReplicaSetSource = "replicaset-controller";

    public const string ScalingReplicaSet = "ScalingReplicaSet";
    public const string SuccessfulCreate = "SuccessfulCreate";
    public const string SuccessfulDelete = "SuccessfulDelete";
    public const string FailedCreate = "FailedCreate";

    /// <summary>"Scaled up replica set web-6f4d85b5c9 from 0 to 3" (or "down").</summary>
    public static string Scaled(string replicaSet, int from, int to) =>
        string.Create(CultureInfo.InvariantCulture, $"Scaled {(to > from ? "up" : "down")} replica set {replicaSet} from {from} to {to}");

    public static string CreatedPod(string pod) => $"Created pod: {pod}";

    public static string DeletedPod(string pod) => $"Deleted pod: {pod}";
}
