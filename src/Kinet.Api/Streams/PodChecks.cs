// kube-apiserver's checks before it contacts a pod's node (pkg/registry/core/pod/strategy.go: ValidateContainer,
// streamLocation, PortForwardLocation), with upstream's messages.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;

namespace Kinet.Api.Streams;

internal static class PodChecks
{
    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>The container a request means: the one named (which must be the pod's), else the pod's only container.</summary>
    public static string Container(JsonObject pod, string? container)
    {
        var name = Name(pod);
        if (string.IsNullOrEmpty(container))
        {
            var main = Names(pod, "containers");
            if (main.Count == 1) return main[0];
            if (main.Count == 0) throw ApiException.BadRequest($"a container name must be specified for pod {name}");
            var all = ContainerLists.SelectMany(l => Names(pod, l));
            throw ApiException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', all)}]");
        }
        if (!ContainerLists.Any(l => Names(pod, l).Contains(container)))
            throw ApiException.BadRequest($"container {container} is not valid for pod {name}");
        return container;
    }

    /// <summary>Whether the scheduler has bound the pod to a node.</summary>
    public static bool HasHost(JsonObject pod) => !string.IsNullOrEmpty(pod["spec"]?["nodeName"]?.GetValue<string>());

    /// <summary>exec, attach and port-forward need the pod's node.</summary>
    public static void RequireHost(JsonObject pod)
    {
        if (!HasHost(pod)) throw ApiException.BadRequest($"pod {Name(pod)} does not have a host assigned");
    }

    /// <summary>
    /// The kubelet refuses exec and attach into a container it does not run (`container not found ("c")`), which
    /// kube-apiserver reports as an internal error; the pod's status says whether the container runs.
    /// </summary>
    public static void RequireRunning(JsonObject pod, string container)
    {
        foreach (var list in new[] { "initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses" })
        {
            if (pod["status"]?[list] is not JsonArray statuses) continue;
            foreach (var s in statuses)
                if (s?["name"]?.GetValue<string>() == container && s["state"]?["running"] is JsonObject) return;
        }
        throw PodStreamException.ContainerNotFound(container);
    }

    public static string Name(JsonObject pod) => pod["metadata"]?["name"]?.GetValue<string>() ?? "";

    private static List<string> Names(JsonObject pod, string list) =>
        pod["spec"]?[list] is JsonArray a ? a.Select(c => c?["name"]?.GetValue<string>() ?? "").ToList() : [];
}
