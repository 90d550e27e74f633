// The facts of a pod every controller and rule reads: terminal, active (not terminal, not being deleted), ready, available.
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class PodFacts
{
    public static string Phase(JsonObject pod) => JsonRead.Str(pod, "status", "phase") ?? "Pending";

    /// <summary>podutil.IsPodTerminal: Succeeded or Failed, the pod will not run again. The one place this is decided.</summary>
    public static bool IsTerminal(JsonObject pod) => Phase(pod) is "Succeeded" or "Failed";

    /// <summary>controller.IsPodActive: not terminal and no deletionTimestamp.</summary>
    public static bool IsActive(JsonObject pod) => !IsTerminal(pod) && JsonRead.At(pod, "metadata", "deletionTimestamp") is null;

    public static JsonObject? ReadyCondition(JsonObject pod) =>
        (JsonRead.At(pod, "status", "conditions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => JsonRead.Str(c, "type") == "Ready");

    public static bool IsReady(JsonObject pod) => JsonRead.Str(ReadyCondition(pod), "status") == "True";

    /// <summary>podutil.IsPodAvailable: ready for at least minReadySeconds.</summary>
    public static bool IsAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod)) return false;
        if (minReadySeconds == 0) return true;
        var since = JsonRead.Time(ReadyCondition(pod), "lastTransitionTime");
        return since is { } s && s.AddSeconds(minReadySeconds) <= now;
    }
}
