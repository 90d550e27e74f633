// A container that could not be started. Reason CreateContainerConfigError: its configuration could not be made
// (a missing ConfigMap key, ...), nothing was created. Reason StartError: it was created and its process failed to start
// (a missing program); it then counts as a container that ran and ended (exit code 128), as containerd reports it.
namespace Kinet.Controllers.Nodes.Lifecycle;

public sealed class ContainerStartException(string reason, string message) : Exception(message)
{
    public const string CreateContainerConfigError = "CreateContainerConfigError";
    public const string StartError = "StartError";

    public string Reason { get; } = reason;

    /// <summary>The id of the container that failed to start (StartError), when the runtime made one.</summary>
    public string? ContainerId { get; init; }
}
