// endpointsliceutil.TriggerTimeTracker: the value of the last-change-trigger-time annotation for a Service's sync —
// the Service's creation for a Service seen the first time, otherwise the earliest pod Ready transition (or Service
// creation) that changed since the previous sync; null when nothing did (the annotation is then dropped).
using Kinet.Controllers.Runtime;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Endpoints;

public sealed class TriggerTimeTracker
{
    private sealed record State(Dictionary<string, DateTimeOffset> PodTimes, DateTimeOffset? ServiceTime);

    private readonly object _gate = new();
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>Computes the trigger time for the Service's sync and remembers what it saw (also when the sync writes nothing).</summary>
    public DateTimeOffset? Compute(JsonObject service, IEnumerable<JsonObject> pods)
    {
        var key = ObjectJson.Key(service);
        State? previous;
        lock (_gate) _states.TryGetValue(key, out previous);

        DateTimeOffset? earliestChange = null;
        var podTimes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (PodTriggerTime(pod) is not { } t) continue;
            var name = ObjectJson.Name(pod);
            podTimes[name] = t;
            if (previous is null || !previous.PodTimes.TryGetValue(name, out var seen) || t > seen) earliestChange = Min(earliestChange, t);
        }
        var serviceTime = Time(service["metadata"]?["creationTimestamp"]);
        if (serviceTime is { } st && (previous?.ServiceTime is not { } seenService || st > seenService)) earliestChange = Min(earliestChange, st);

        lock (_gate) _states[key] = new State(podTimes, serviceTime);
        return previous is null ? serviceTime : earliestChange;
    }

    public void Forget(string serviceKey)
    {
        lock (_gate) _states.Remove(serviceKey);
    }

    /// <summary>The pod's Ready condition's lastTransitionTime.</summary>
    private static DateTimeOffset? PodTriggerTime(JsonObject pod) =>
        Kinet.Model.Workloads.PodFacts.ReadyCondition(pod) is { } ready ? Time(ready["lastTransitionTime"]) : null;

    private static DateTimeOffset? Time(JsonNode? n) =>
        DateTimeOffset.TryParse(ObjectJson.Str(n), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
