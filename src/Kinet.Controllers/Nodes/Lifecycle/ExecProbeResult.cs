// What a command run in a container for an exec probe gave: its exit code and combined output, or that it timed out.
namespace Kinet.Controllers.Nodes.Lifecycle;

public sealed record ExecProbeResult(int ExitCode, string Output, bool TimedOut = false);
