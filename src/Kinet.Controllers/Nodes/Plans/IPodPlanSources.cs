// What the planner reads besides the pod: ConfigMaps, Secrets and Services of a namespace, as the kubelet's managers
// and service lister see them (the agent backs this with informer caches). Null means "not found".
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Nodes.Plans;

public interface IPodPlanSources
{
    JsonObject? ConfigMap(string ns, string name);
    JsonObject? Secret(string ns, string name);
    IEnumerable<JsonObject> Services(string ns);

    /// <summary>A token for a projected serviceAccountToken source; null when the agent cannot issue one.</summary>
    string? ServiceAccountToken(string ns, string serviceAccount, string audience, long expirationSeconds) => null;
}
