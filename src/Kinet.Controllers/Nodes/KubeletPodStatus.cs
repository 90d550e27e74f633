// The pod status a kubelet writes (kubelet_pods.go generateAPIPodStatus and the status manager), built from the stored
// pod, the node and what the agent reports. Fields the kubelet does not own (qosClass, nominatedNodeName, ...) are kept;
// a condition keeps its lastTransitionTime while its status stays, and a container keeps its startedAt while its id
// stays, so rebuilding the same state gives the same object and no write.
using System.Globalization;
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using Kinet.Model.Networking;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes;

public static class KubeletPodStatus
{
    /// <summary>Status of a pod whose containers the agent runs (<paramref name="state"/>), or of a pod still waiting for
    /// its sandbox (<paramref name="state"/> null: ContainerCreating).</summary>
    public static JsonObject Build(JsonObject pod, IReadOnlyList<IP> hostIPs, IReadOnlyList<IP> podIPs, PodRunState? state, DateTimeOffset now)
    {
        var old = pod["status"] as JsonObject ?? new JsonObject();
        var spec = pod["spec"];
        var time = Timestamp(now);
        var initSpecs = Containers(spec?["initContainers"]);
        var specs = Containers(spec?["containers"]);
        var hasInit = initSpecs.Length > 0;

        var initStatuses = initSpecs.Select(c => ContainerStatus(c, state?.InitContainers.FirstOrDefault(s => s.Name == Str(c["name"])),
            OldStatus(old["initContainerStatuses"], c), hasInit)).ToArray();
        var statuses = specs.Select(c => ContainerStatus(c, state?.Containers.FirstOrDefault(s => s.Name == Str(c["name"])),
            OldStatus(old["containerStatuses"], c), hasInit)).ToArray();

        // The status manager never moves a pod out of a terminal phase.
        var oldPhase = Str(old["phase"]);
        var phase = oldPhase is "Succeeded" or "Failed" ? oldPhase : PodPhases.Compute(pod, initStatuses, statuses);
        var terminalReason = phase switch { "Succeeded" => "PodCompleted", "Failed" => "PodFailed", _ => null };

        // Sidecars (restartable init containers) count as initialized once started, and as containers for readiness.
        static bool IsSidecar(JsonObject spec) => Str(spec["restartPolicy"]) == "Always";
        var incomplete = initSpecs.Zip(initStatuses).Where(p => !Bool(p.Second[IsSidecar(p.First) ? "started" : "ready"]))
            .Select(p => Str(p.First["name"])).ToArray();
        var unready = initSpecs.Zip(initStatuses).Where(p => IsSidecar(p.First)).Concat(specs.Zip(statuses))
            .Where(p => !Bool(p.Second["ready"])).Select(p => Str(p.First["name"])).ToArray();
        var regularStarted = statuses.Any(s => s["state"]?["running"] is not null || s["state"]?["terminated"] is not null);
        var initialized = incomplete.Length == 0 || regularStarted;
        var containersReady = terminalReason is null && unready.Length == 0;

        var conditions = new JsonArray
        {
            Condition(old, "PodReadyToStartContainers", state is not null, null, null, time),
            phase == "Succeeded" && hasInit
                ? Condition(old, "Initialized", true, "PodCompleted", null, time)
                : Condition(old, "Initialized", initialized, "ContainersNotInitialized", Incomplete(incomplete), time),
            Condition(old, "Ready", containersReady, terminalReason ?? "ContainersNotReady", terminalReason is null ? Unready(unready) : null, time),
            Condition(old, "ContainersReady", containersReady, terminalReason ?? "ContainersNotReady", terminalReason is null ? Unready(unready) : null, time),
            Condition(old, "PodScheduled", true, null, null, time),
        };

        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = conditions,
        };
        foreach (var key in new[] { "message", "reason", "nominatedNodeName" })
            if (old[key] is { } v) status[key] = v.DeepClone();
        if (hostIPs.Count > 0)
        {
            status["hostIP"] = hostIPs[0].ToString();
            status["hostIPs"] = IpList(hostIPs);
        }
        if (podIPs.Count > 0 && state is not null)
        {
            status["podIP"] = podIPs[0].ToString();
            status["podIPs"] = IpList(podIPs);
        }
        status["startTime"] = old["startTime"]?.DeepClone() ?? time;
        if (initStatuses.Length > 0) status["initContainerStatuses"] = new JsonArray(initStatuses);
        status["containerStatuses"] = new JsonArray(statuses);
        // Everything else the kubelet does not write (qosClass from the API server, resize, ...) stays as it was.
        foreach (var (key, value) in old)
            if (!status.ContainsKey(key) && key is not ("podIP" or "podIPs" or "hostIP" or "hostIPs")) status[key] = value?.DeepClone();
        return status;
    }

    // convertToAPIContainerStatuses: a container without a runtime status waits (PodInitializing when the pod has init
    // containers, else ContainerCreating); one waiting to be restarted shows why, with the ended container as lastState.
    private static JsonObject ContainerStatus(JsonObject spec, ContainerRunState? run, JsonObject? old, bool hasInit)
    {
        var name = Str(spec["name"]);
        var defaultWaiting = hasInit ? "PodInitializing" : "ContainerCreating";
        if (run is null)
        {
            var waiting = new JsonObject
            {
                ["name"] = name,
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = defaultWaiting } },
                ["lastState"] = new JsonObject(),
                ["ready"] = false,
                ["restartCount"] = 0,
                ["image"] = Str(spec["image"]),
                ["imageID"] = "",
                ["started"] = false,
            };
            return waiting;
        }
        JsonObject stateNode;
        var sameContainer = old is not null && Str(old["containerID"]) == run.ContainerId;
        switch (run.Phase)
        {
            case ContainerPhase.Running:
                stateNode = sameContainer && old!["state"]?["running"] is JsonObject keptRunning
                    ? new JsonObject { ["running"] = keptRunning.DeepClone() }
                    : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Timestamp(run.StartedAt) } };
                break;
            case ContainerPhase.Exited:
                stateNode = sameContainer && old!["state"]?["terminated"] is JsonObject keptTerminated
                    ? new JsonObject { ["terminated"] = keptTerminated.DeepClone() }
                    : new JsonObject
                    {
                        ["terminated"] = Terminated(new ContainerTermination(run.ContainerId, run.ExitCode,
                            run.Reason ?? (run.ExitCode == 0 ? "Completed" : "Error"), run.Message, run.StartedAt, run.FinishedAt ?? run.StartedAt)),
                    };
                break;
            default:
                var waiting = new JsonObject { ["reason"] = run.Reason ?? defaultWaiting };
                if (!string.IsNullOrEmpty(run.Message)) waiting["message"] = run.Message;
                stateNode = new JsonObject { ["waiting"] = waiting };
                break;
        }
        var created = run.ContainerId.Length > 0;
        var status = new JsonObject
        {
            ["name"] = name,
            ["state"] = stateNode,
            ["lastState"] = run.LastTermination is { } last ? new JsonObject { ["terminated"] = Terminated(last) } : new JsonObject(),
            ["ready"] = run.Ready,
            ["restartCount"] = run.RestartCount,
            ["image"] = created ? run.Image : Str(spec["image"]),
            ["imageID"] = created ? run.ImageId : "",
        };
        if (created) status["containerID"] = run.ContainerId;
        status["started"] = run.Started ?? run.Phase == ContainerPhase.Running;
        if (VolumeMounts(spec) is { } mounts) status["volumeMounts"] = mounts;
        return status;
    }

    private static JsonObject Terminated(ContainerTermination t)
    {
        var o = new JsonObject { ["exitCode"] = t.ExitCode, ["reason"] = t.Reason };
        if (!string.IsNullOrEmpty(t.Message)) o["message"] = t.Message;
        o["startedAt"] = Timestamp(t.StartedAt);
        o["finishedAt"] = Timestamp(t.FinishedAt);
        if (t.ContainerId.Length > 0) o["containerID"] = t.ContainerId;
        return o;
    }

    private static bool Bool(JsonNode? n) => n is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    // VolumeMountStatus: readOnly mounts say whether they are recursively read-only (Disabled unless asked for).
    private static JsonArray? VolumeMounts(JsonObject spec)
    {
        if (spec["volumeMounts"] is not JsonArray { Count: > 0 } mounts) return null;
        var result = new JsonArray();
        foreach (var m in mounts.OfType<JsonObject>())
        {
            var o = new JsonObject { ["name"] = Str(m["name"]), ["mountPath"] = Str(m["mountPath"]) };
            if (m["readOnly"] is JsonValue ro && ro.TryGetValue<bool>(out var r) && r)
            {
                o["readOnly"] = true;
                o["recursiveReadOnly"] = Str(m["recursiveReadOnly"]) == "Enabled" ? "Enabled" : "Disabled";
            }
            result.Add(o);
        }
        return result;
    }

    private static JsonObject Condition(JsonObject oldStatus, string type, bool ok, string? reason, string? message, string now)
    {
        var status = ok ? "True" : "False";
        var old = (oldStatus["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Str(c["type"]) == type);
        var since = old is not null && Str(old["status"]) == status && Str(old["lastTransitionTime"]).Length > 0 ? Str(old["lastTransitionTime"]) : now;
        var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = since };
        if (reason is not null && (!ok || reason == "PodCompleted")) c["reason"] = reason;
        if (!ok && message is not null) c["message"] = message;
        return c;
    }

    private static string? Incomplete(string[] names) => names.Length == 0 ? null : $"containers with incomplete status: [{string.Join(' ', names)}]";

    private static string? Unready(string[] names) => names.Length == 0 ? null : $"containers with unready status: [{string.Join(' ', names)}]";

    private static JsonObject? OldStatus(JsonNode? statuses, JsonObject spec) =>
        (statuses as JsonArray)?.OfType<JsonObject>().FirstOrDefault(s => Str(s["name"]) == Str(spec["name"]));

    private static JsonObject[] Containers(JsonNode? list) => (list as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];

    private static JsonArray IpList(IReadOnlyList<IP> ips) => new(ips.Select(ip => (JsonNode)new JsonObject { ["ip"] = ip.ToString() }).ToArray());

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

}
