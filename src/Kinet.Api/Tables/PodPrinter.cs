// Pods as `kubectl get pods` shows them: readiness, the aggregate status (Init:0/1, CrashLoopBackOff, Terminating…), restarts.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class PodPrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        ColumnText.AgeColumn,
        new("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
        new("Node", "string", "NodeName indicates in which node this pod is scheduled.", 1),
        new("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", 1),
        new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
    ];

    public override JsonArray? Conditions(JsonObject pod) => Json.Str(pod, "status", "phase") switch
    {
        "Succeeded" => [Completed("Succeeded", "The pod has completed successfully.")],
        "Failed" => [Completed("Failed", "The pod failed.")],
        _ => null,
    };

    private static JsonObject Completed(string reason, string message) =>
        new() { ["type"] = "Completed", ["status"] = "True", ["reason"] = reason, ["message"] = message };

    public override IReadOnlyList<object?> Cells(JsonObject pod, DateTimeOffset now)
    {
        var restarts = 0L;
        var sidecarRestarts = 0L;
        var readyContainers = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;

        var phase = Json.Str(pod, "status", "phase");
        var reason = Json.Str(pod, "status", "reason") is { Length: > 0 } r ? r : phase;
        if (Json.Arr(pod, "status", "conditions").Any(c => Json.Str(c, "type") == "PodScheduled" && Json.Str(c, "reason") == "SchedulingGated"))
            reason = "SchedulingGated";

        var initContainers = Json.Arr(pod, "spec", "initContainers").ToList();
        // Sidecars (init containers with restartPolicy Always) count as containers of the pod.
        var sidecars = initContainers.Where(c => Json.Str(c, "restartPolicy") == "Always").Select(c => Json.Str(c, "name")).ToHashSet();
        var totalContainers = Json.Count(pod, "spec", "containers") + sidecars.Count;

        var initializing = false;
        var initStatuses = Json.Arr(pod, "status", "initContainerStatuses").ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var c = initStatuses[i];
            var isSidecar = sidecars.Contains(Json.Str(c, "name"));
            restarts += Json.Int(c, "restartCount");
            Later(ref lastRestart, c);
            if (isSidecar)
            {
                sidecarRestarts += Json.Int(c, "restartCount");
                Later(ref lastSidecarRestart, c);
            }

            var terminated = Json.Obj(c, "state", "terminated");
            var waitingReason = Json.Str(c, "state", "waiting", "reason");
            if (terminated is not null && Json.Int(terminated, "exitCode") == 0) continue;
            if (isSidecar && Json.Bool(c, "started"))
            {
                if (Json.Bool(c, "ready")) readyContainers++;
                continue;
            }
            if (terminated is not null)
            {
                reason = Json.Str(terminated, "reason") is { Length: > 0 } tr ? "Init:" + tr
                    : Json.Int(terminated, "signal") != 0 ? $"Init:Signal:{Json.Int(terminated, "signal")}"
                    : $"Init:ExitCode:{Json.Int(terminated, "exitCode")}";
            }
            else if (Json.Has(c, "state", "waiting") && waitingReason.Length > 0 && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = $"Init:{i}/{initContainers.Count}";
            }
            initializing = true;
            break;
        }

        var initialized = Json.Arr(pod, "status", "conditions").Any(c => Json.Str(c, "type") == "Initialized" && Json.Str(c, "status") == "True");
        if (!initializing || initialized)
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = Json.Arr(pod, "status", "containerStatuses").ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var c = statuses[i];
                restarts += Json.Int(c, "restartCount");
                Later(ref lastRestart, c);
                var terminated = Json.Obj(c, "state", "terminated");
                if (Json.Str(c, "state", "waiting", "reason") is { Length: > 0 } wr) reason = wr;
                else if (terminated is not null && Json.Str(terminated, "reason") is { Length: > 0 } tr) reason = tr;
                else if (terminated is not null)
                    reason = Json.Int(terminated, "signal") != 0 ? $"Signal:{Json.Int(terminated, "signal")}" : $"ExitCode:{Json.Int(terminated, "exitCode")}";
                else if (Json.Bool(c, "ready") && Json.Has(c, "state", "running"))
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            // A pod whose last container completed while another still runs is shown as running.
            if (reason == "Completed" && hasRunning)
            {
                var podReady = Json.Arr(pod, "status", "conditions").Any(c => Json.Str(c, "type") == "Ready" && Json.Str(c, "status") == "True");
                reason = podReady ? "Running" : "NotReady";
            }
        }

        if (Json.Has(pod, "metadata", "deletionTimestamp"))
        {
            if (Json.Str(pod, "status", "reason") == "NodeLost") reason = "Unknown";
            else if (phase is not ("Failed" or "Succeeded")) reason = "Terminating";
        }

        var restartsText = restarts != 0 && lastRestart is { } last
            ? $"{restarts} ({HumanDuration.Format(now - last)} ago)"
            : restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The internal type's podIPs is filled from the v1 podIP when only that is set.
        var podIp = Json.Arr(pod, "status", "podIPs").Select(p => Json.Str(p, "ip")).FirstOrDefault() ?? Json.Str(pod, "status", "podIP");

        return
        [
            Name(pod), $"{readyContainers}/{totalContainers}", reason, restartsText, Age(pod, now),
            OrNone(podIp), OrNone(Json.Str(pod, "spec", "nodeName")), OrNone(Json.Str(pod, "status", "nominatedNodeName")), ReadinessGates(pod),
        ];
    }

    private static void Later(ref DateTimeOffset? latest, JsonNode? containerStatus)
    {
        if (Json.Obj(containerStatus, "lastState", "terminated") is not { } t) return;
        if (HumanDuration.ParseTimestamp(Json.At(t, "finishedAt")) is { } finished && (latest is null || latest < finished))
            latest = finished;
    }

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = Json.Arr(pod, "spec", "readinessGates").Select(g => Json.Str(g, "conditionType")).ToList();
        if (gates.Count == 0) return "<none>";
        var conditions = Json.Arr(pod, "status", "conditions").ToList();
        var trueCount = gates.Count(gate => conditions.FirstOrDefault(c => Json.Str(c, "type") == gate) is { } c && Json.Str(c, "status") == "True");
        return $"{trueCount}/{gates.Count}";
    }
}
