// What `kubectl rollout status deployment/<name>` concludes from a Deployment (kubectl's DeploymentStatusViewer), so
// Kinet's tests can tell "rollout status would finish" without running kubectl.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public sealed record RolloutStatusView(bool Done, string Message, bool Failed = false);

public static class RolloutStatus
{
    public static RolloutStatusView Of(JsonObject deployment)
    {
        var name = JsonRead.Str(deployment, "metadata", "name");
        var status = JsonRead.At(deployment, "status");
        if ((JsonRead.Long(deployment, "metadata", "generation") ?? 0) > (JsonRead.Long(status, "observedGeneration") ?? 0))
            return new(false, "Waiting for deployment spec update to be observed...\n");
        var progressing = (JsonRead.At(status, "conditions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => JsonRead.Str(c, "type") == "Progressing");
        if (JsonRead.Str(progressing, "reason") == DeploymentStatus.ProgressDeadlineExceeded)
            return new(false, $"deployment \"{name}\" exceeded its progress deadline", Failed: true);
        var updated = JsonRead.Long(status, "updatedReplicas") ?? 0;
        var replicas = JsonRead.Long(status, "replicas") ?? 0;
        var available = JsonRead.Long(status, "availableReplicas") ?? 0;
        if (JsonRead.Long(deployment, "spec", "replicas") is { } desired && updated < desired)
            return new(false, $"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...\n");
        if (replicas > updated)
            return new(false, $"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...\n");
        if (available < updated)
            return new(false, $"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...\n");
        return new(true, $"deployment \"{name}\" successfully rolled out\n");
    }
}
