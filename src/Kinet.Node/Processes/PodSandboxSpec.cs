// What a pod sandbox needs: the cluster (names the tmpfs and marks the pause so cleanup finds it), the pod id (a
// directory name), the network namespace to hold (null: the daemon's own, as for tests that need none) and the hostname.
namespace Kinet.Node.Processes;

public sealed record PodSandboxSpec(string Cluster, string PodId, string? NetnsPath, string Hostname);
