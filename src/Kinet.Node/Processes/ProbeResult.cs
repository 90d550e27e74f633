// The outcome of an exec probe: exit code (-1 when it timed out), its combined output (at most 10 KiB), and whether
// the probe timed out (the kubelet then reports "command timed out").
namespace Kinet.Node.Processes;

public sealed record ProbeResult(int ExitCode, string Output, bool TimedOut);
