// The outcome of scheduling one pod: the chosen node, or the FailedScheduling message kube-scheduler would report.
namespace Kinet.Model.Scheduling;

public sealed record SchedulingResult(string? NodeName, string? FailureMessage)
{
    public bool Scheduled => NodeName is not null;

    public const string FailedSchedulingReason = "FailedScheduling";
    public const string ScheduledReason = "Scheduled";
}
