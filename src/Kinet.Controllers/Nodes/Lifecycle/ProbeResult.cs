// The outcome of one probe run (pkg/probe Result) and its output, which the Unhealthy event quotes.
namespace Kinet.Controllers.Nodes.Lifecycle;

public enum ProbeOutcome { Success, Warning, Failure }

public sealed record ProbeResult(ProbeOutcome Outcome, string Output)
{
    public static ProbeResult Success(string output = "") => new(ProbeOutcome.Success, output);

    public static ProbeResult Failure(string output) => new(ProbeOutcome.Failure, output);
}
