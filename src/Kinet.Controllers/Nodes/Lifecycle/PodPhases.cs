// The pod phase as the kubelet derives it from its container statuses (kubelet_pods.go getPhase): Pending until every
// init container succeeded and every container started, Running while one runs (or restarts), Succeeded/Failed once
// all ended and none will be restarted under the pod's restartPolicy.
using System.Text.Json.Nodes;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes.Lifecycle;

public static class PodPhases
{
    public static string Compute(JsonObject pod, IReadOnlyList<JsonObject> initStatuses, IReadOnlyList<JsonObject> statuses)
    {
        var restartPolicy = Str(pod["spec"]?["restartPolicy"]) is { Length: > 0 } r ? r : "Always";
        var initSpecs = (pod["spec"]?["initContainers"] as JsonArray)?.OfType<JsonObject>() ?? [];
        var pendingInit = 0;
        var failedInit = 0;
        foreach (var c in initSpecs)
        {
            if (Str(c["restartPolicy"]) == "Always") continue; // sidecars do not gate the phase
            var s = Find(initStatuses, Str(c["name"]));
            if (s is null) { pendingInit++; continue; }
            if (s["state"]?["running"] is not null) pendingInit++;
            else if (s["state"]?["terminated"] is JsonObject t) { if (ExitCode(t) != 0) failedInit++; }
            else if (s["state"]?["waiting"] is not null)
            {
                if (s["lastState"]?["terminated"] is JsonObject last) { if (ExitCode(last) != 0) failedInit++; }
                else pendingInit++;
            }
            else pendingInit++;
        }

        int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var c in (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var s = Find(statuses, Str(c["name"]));
            if (s is null) { unknown++; continue; }
            if (s["state"]?["running"] is not null) running++;
            else if (s["state"]?["terminated"] is JsonObject t)
            {
                stopped++;
                if (ExitCode(t) == 0) succeeded++;
            }
            else if (s["state"]?["waiting"] is not null)
            {
                if (s["lastState"]?["terminated"] is not null) stopped++;
                else waiting++;
            }
            else unknown++;
        }

        if (failedInit > 0 && restartPolicy == "Never") return "Failed";
        var regularStarted = statuses.Any(s => s["state"]?["running"] is not null || s["state"]?["terminated"] is not null);
        if ((pendingInit > 0 && !regularStarted) || waiting > 0) return "Pending";
        if (running > 0 && unknown == 0) return "Running";
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            if (restartPolicy == "Always") return "Running"; // all of them are restarting
            if (stopped == succeeded) return "Succeeded";
            return restartPolicy == "Never" ? "Failed" : "Running";
        }
        return "Pending";
    }

    private static JsonObject? Find(IReadOnlyList<JsonObject> statuses, string name) => statuses.FirstOrDefault(s => Str(s["name"]) == name);

    private static int ExitCode(JsonObject terminated) => Int(terminated, -1, "exitCode");
}
