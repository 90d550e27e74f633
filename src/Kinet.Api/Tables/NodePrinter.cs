// Nodes: Ready/NotReady/Unknown plus SchedulingDisabled, roles from node-role.kubernetes.io/* labels, addresses and versions.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class NodePrinter : ResourcePrinter
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Status", "string", "The status of the node"),
        new("Roles", "string", "The roles of the node"),
        ColumnText.AgeColumn,
        new("Version", "string", "Kubelet Version reported by the node."),
        new("Internal-IP", "string", "List of addresses reachable to the node.", 1),
        new("External-IP", "string", "List of addresses reachable to the node.", 1),
        new("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        new("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
    ];

    public override IReadOnlyList<object?> Cells(JsonObject node, DateTimeOffset now)
    {
        var status = new List<string>();
        // The last condition of a type wins, as with upstream's map.
        if (Json.Arr(node, "status", "conditions").LastOrDefault(c => Json.Str(c, "type") == "Ready") is { } ready)
            status.Add(Json.Str(ready, "status") == "True" ? "Ready" : "NotReady");
        if (status.Count == 0) status.Add("Unknown");
        if (Json.Bool(node, "spec", "unschedulable")) status.Add("SchedulingDisabled");

        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in Json.Obj(node, "metadata", "labels") ?? [])
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length) roles.Add(key[RolePrefix.Length..]);
            else if (key == RoleLabel && Json.Text(value) is { Length: > 0 } role) roles.Add(role);
        }

        return
        [
            Name(node), string.Join(",", status), OrNone(string.Join(",", roles)), Age(node, now), Json.Str(node, "status", "nodeInfo", "kubeletVersion"),
            Address(node, "InternalIP"), Address(node, "ExternalIP"),
            Unknown(Json.Str(node, "status", "nodeInfo", "osImage")),
            Unknown(Json.Str(node, "status", "nodeInfo", "kernelVersion")),
            Unknown(Json.Str(node, "status", "nodeInfo", "containerRuntimeVersion")),
        ];
    }

    private static string Address(JsonObject node, string type) =>
        Json.Arr(node, "status", "addresses").FirstOrDefault(a => Json.Str(a, "type") == type) is { } a ? Json.Str(a, "address") : "<none>";

    private static string Unknown(string s) => s.Length == 0 ? "<unknown>" : s;
}
