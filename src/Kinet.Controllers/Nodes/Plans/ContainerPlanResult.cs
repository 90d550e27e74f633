// A container's plan, or the reason the kubelet would not create it (its Waiting reason and message, e.g.
// CreateContainerConfigError: configmap "x" not found). The kubelet retries such a container on its next sync, so the
// agent plans it again later rather than failing the pod.
namespace Kinet.Controllers.Nodes.Plans;

public sealed record ContainerConfigError(string Reason, string Message)
{
    public const string CreateContainerConfigError = "CreateContainerConfigError";
}

public sealed record ContainerPlanResult(string Name, ContainerPlan? Plan, ContainerConfigError? Error)
{
    public static ContainerPlanResult Ok(ContainerPlan plan) => new(plan.Name, plan, null);
    public static ContainerPlanResult Failed(string name, string message) =>
        new(name, null, new ContainerConfigError(ContainerConfigError.CreateContainerConfigError, message));
}
