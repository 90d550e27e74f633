// How a container run ended, as the kubelet reports a terminated state: exit code (128+N when killed by signal N),
// reason "Completed" for 0 and "Error" otherwise (containerd's reasons; OOMKilled is not detected).
namespace Kinet.Node.Processes;

public sealed record ContainerExit(int ExitCode, string Reason, DateTimeOffset FinishedAt, string? Message = null)
{
    public static ContainerExit From(int exitCode, DateTimeOffset finishedAt) =>
        new(exitCode, exitCode == 0 ? "Completed" : "Error", finishedAt);
}
