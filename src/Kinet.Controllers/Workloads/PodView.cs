// What the ReplicaSet controller asks of a pod on every sync (labels, active, ready), read once per pod version and
// remembered beside the cached object: string reads from parsed JSON allocate, and a 1,000-pod ReplicaSet is synced
// hundreds of times while its pods start. The answers are the model's (PodFacts, LabelSelector).
using Kinet.Controllers.Runtime;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kinet.Model.Selectors;
using Kinet.Model.Workloads;

namespace Kinet.Controllers.Workloads;

internal sealed class PodView
{
    private static readonly ConditionalWeakTable<JsonObject, PodView> Views = new();

    private PodView(JsonObject pod)
    {
        Pod = pod;
        Labels = LabelSelector.LabelsOf(ObjectJson.Labels(pod));
        Active = PodFacts.IsActive(pod);
        Ready = PodFacts.IsReady(pod);
    }

    public JsonObject Pod { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public bool Active { get; }
    public bool Ready { get; }

    /// <summary>The view of a cached (never mutated) pod object.</summary>
    public static PodView Of(JsonObject pod) => Views.GetValue(pod, p => new PodView(p));

    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject pod) => Of(pod).Labels;

    public static bool IsActive(JsonObject pod) => Of(pod).Active;
}
