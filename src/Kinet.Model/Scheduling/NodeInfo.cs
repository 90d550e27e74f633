// What the scheduler knows of one node: the Node object, how many non-terminal pods are bound to it, and the host
// ports those pods hold (the scheduler cache's NodeInfo, reduced to what Kinet's filters read).
using System.Globalization;
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Scheduling;

public sealed record HostPort(string Protocol, string HostIP, int Port)
{
    /// <summary>Two host ports clash on the same protocol and port when either binds every address.</summary>
    public bool ConflictsWith(HostPort other) =>
        Protocol == other.Protocol && Port == other.Port &&
        (HostIP == other.HostIP || IsWildcard(HostIP) || IsWildcard(other.HostIP));

    private static bool IsWildcard(string ip) => ip is "" or "0.0.0.0" or "::";

    public static IReadOnlyList<HostPort> Of(JsonObject pod) =>
        (JsonRead.At(pod, "spec", "containers") as JsonArray)?.OfType<JsonObject>()
            .SelectMany(c => (c["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Where(p => JsonRead.Int(p, 0, "hostPort") > 0)
            .Select(p => new HostPort(JsonRead.Str(p, "protocol") ?? "TCP", JsonRead.Str(p, "hostIP") ?? "", JsonRead.Int(p, 0, "hostPort")))
            .ToArray() ?? [];
}

public sealed record NodeInfo(JsonObject Node, int PodCount, IReadOnlyList<HostPort> UsedHostPorts)
{
    /// <summary>Pod capacity when status.allocatable.pods is absent: the kubelet's default maxPods.</summary>
    public const int DefaultMaxPods = 110;

    public string Name => JsonRead.Str(Node, "metadata", "name") ?? "";

    /// <summary>From the pods bound to the node; terminal pods (Succeeded/Failed) hold nothing, as the scheduler's cache drops them.</summary>
    public static NodeInfo From(JsonObject node, IEnumerable<JsonObject> podsOnNode)
    {
        var live = podsOnNode.Where(p => !PodFacts.IsTerminal(p)).ToArray();
        return new(node, live.Length, live.SelectMany(HostPort.Of).ToArray());
    }

    public int AllowedPods =>
        JsonRead.Str(Node, "status", "allocatable", "pods") is { } s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : (int?)JsonRead.Long(Node, "status", "allocatable", "pods") ?? DefaultMaxPods;
}
