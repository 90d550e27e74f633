// The pod status a kubelet writes (kubelet_pods.go generateAPIPodStatus and the status manager), built from the stored
// pod, the node and what the agent reports. Fields the kubelet does not own (qosClass, nominatedNodeName, ...) are kept;
// a condition keeps its lastTransitionTime while its status stays, and a container keeps its startedAt while its id
// stays, so rebuilding the same state gives the same object and no write.
using System.Globalization;
using System.Text.Json.Nodes;
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

        var initStatuses = initSpecs.Select(c => ContainerStatus(c, state?.InitContainers.FirstOrDefault(s => s.Name == Str(c["name"])),
            OldStatus(old["initContainerStatuses"], c), init: true)).ToArray();
        var statuses = specs.Select(c => ContainerStatus(c, state?.Containers.FirstOrDefault(s => s.Name == Str(c["name"])),
            OldStatus(old["containerStatuses"], c), init: false)).ToArray();

        var uninitialized = initSpecs.Zip(initStatuses).Where(p => Terminated(p.Second) is not { } t || ExitCode(t) != 0).Select(p => Str(p.First["name"])).ToArray();
        var unready = specs.Zip(statuses).Where(p => !(p.Second["ready"]?.GetValue<bool>() ?? false)).Select(p => Str(p.First["name"])).ToArray();
        var running = state is not null && specs.Zip(statuses).All(p => p.Second["state"]?["running"] is not null);

        var conditions = new JsonArray
        {
            Condition(old, "PodReadyToStartContainers", state is not null, null, null, time),
            Condition(old, "Initialized", uninitialized.Length == 0, "ContainersNotInitialized", Incomplete(uninitialized), time),
            Condition(old, "Ready", unready.Length == 0 && uninitialized.Length == 0, "ContainersNotReady", Unready(unready), time),
            Condition(old, "ContainersReady", unready.Length == 0 && uninitialized.Length == 0, "ContainersNotReady", Unready(unready), time),
            Condition(old, "PodScheduled", true, null, null, time),
        };

        var status = new JsonObject
        {
            ["phase"] = running && uninitialized.Length == 0 ? "Running" : "Pending",
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

    private static JsonObject ContainerStatus(JsonObject spec, ContainerRunState? run, JsonObject? old, bool init)
    {
        var name = Str(spec["name"]);
        if (run is null)
        {
            var waiting = new JsonObject
            {
                ["name"] = name,
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = init ? "PodInitializing" : "ContainerCreating" } },
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
                        ["terminated"] = new JsonObject
                        {
                            ["exitCode"] = run.ExitCode,
                            ["reason"] = run.ExitCode == 0 ? "Completed" : "Error",
                            ["startedAt"] = Timestamp(run.StartedAt),
                            ["finishedAt"] = Timestamp(run.FinishedAt ?? run.StartedAt),
                            ["containerID"] = run.ContainerId,
                        },
                    };
                break;
            default:
                stateNode = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
                break;
        }
        var status = new JsonObject
        {
            ["name"] = name,
            ["state"] = stateNode,
            ["lastState"] = new JsonObject(),
            ["ready"] = run.Ready,
            ["restartCount"] = run.RestartCount,
            ["image"] = run.Image,
            ["imageID"] = run.ImageId,
            ["containerID"] = run.ContainerId,
            ["started"] = run.Phase == ContainerPhase.Running,
        };
        if (VolumeMounts(spec) is { } mounts) status["volumeMounts"] = mounts;
        return status;
    }

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
        if (!ok && reason is not null) c["reason"] = reason;
        if (!ok && message is not null) c["message"] = message;
        return c;
    }

    private static string? Incomplete(string[] names) => names.Length == 0 ? null : $"containers with incomplete status: [{string.Join(' ', names)}]";

    private static string? Unready(string[] names) => names.Length == 0 ? null : $"containers with unready status: [{string.Join(' ', names)}]";

    private static JsonObject? Terminated(JsonObject status) => status["state"]?["terminated"] as JsonObject;

    private static int ExitCode(JsonObject terminated) => terminated["exitCode"] is JsonValue v && v.TryGetValue<int>(out var i) ? i : -1;

    private static JsonObject? OldStatus(JsonNode? statuses, JsonObject spec) =>
        (statuses as JsonArray)?.OfType<JsonObject>().FirstOrDefault(s => Str(s["name"]) == Str(spec["name"]));

    private static JsonObject[] Containers(JsonNode? list) => (list as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];

    private static JsonArray IpList(IReadOnlyList<IP> ips) => new(ips.Select(ip => (JsonNode)new JsonObject { ["ip"] = ip.ToString() }).ToArray());

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

}
