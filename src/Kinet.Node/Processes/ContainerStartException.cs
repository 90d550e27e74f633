// A container that could not be started, with the kubelet's reason (StartError, CreateContainerConfigError ...) and the
// runtime's message as `kubectl describe` shows it.
namespace Kinet.Node.Processes;

public sealed class ContainerStartException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;

    /// <summary>containerd/runc's text for a program that is not there (or not executable).</summary>
    public static ContainerStartException NotFound(string program, bool inPath) => new("StartError",
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: " +
        $"unable to start container process: exec: \"{program}\": {(inPath ? "executable file not found in $PATH" : "stat " + program + ": no such file or directory")}: unknown");

    public static ContainerStartException NotExecutable(string program) => new("StartError",
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: " +
        $"unable to start container process: exec: \"{program}\": permission denied: unknown");
}
