// How a container ended, as the runtime reports it: exit code, reason (Completed, Error, OOMKilled, ...), when, and a
// message (a termination message or the runtime's error).
namespace Kinet.Controllers.Nodes.Lifecycle;

public sealed record ContainerExit(int ExitCode, string Reason, DateTimeOffset FinishedAt, string? Message);
