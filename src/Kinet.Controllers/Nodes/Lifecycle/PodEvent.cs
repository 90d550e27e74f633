// An event the lifecycle agent records about a pod, as the kubelet on its node (Pulled, Created, Started, Failed, BackOff,
// Unhealthy, Killing). The composition root sends them to the controllers' EventRecorder.
using System.Text.Json.Nodes;
using Kinet.Controllers.Events;

namespace Kinet.Controllers.Nodes.Lifecycle;

public sealed record PodEvent(JsonObject Pod, string NodeName, string Type, string Reason, string Message)
{
    /// <summary>A sink writing the events through <paramref name="recorder"/> as the node's kubelet.</summary>
    public static Action<PodEvent> To(EventRecorder recorder) =>
        e => recorder.Record(e.Pod, e.Type, e.Reason, e.Message, KubeletController.Component, e.NodeName);
}
