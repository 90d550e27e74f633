// The kubelet's log options (CRI ReadLogs) as `kubectl logs` sets them: follow, tail, since, timestamps, limit.
namespace Kinet.Node.Logs;

public sealed record LogReadOptions(
    bool Follow = false,
    long? TailLines = null,
    DateTimeOffset? SinceTime = null,
    bool Timestamps = false,
    long? LimitBytes = null);
