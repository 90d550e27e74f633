// The pod cannot be set up at all (a volume cannot be mounted, the hostname is invalid): the kubelet leaves its
// containers in ContainerCreating and records the events; the agent records Events and retries later.
namespace Kinet.Controllers.Nodes.Plans;

public sealed class PodPlanException(string reason, string message, IReadOnlyList<PlanWarning>? events = null) : Exception(message)
{
    public string Reason { get; } = reason;

    /// <summary>Every event the kubelet would record for the failure (one FailedMount per volume), the first being Message.</summary>
    public IReadOnlyList<PlanWarning> Events { get; } = events ?? [new PlanWarning(reason, message)];
}
