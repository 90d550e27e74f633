// /etc/hosts as the kubelet writes it (managedHostsFileContent, nodeHostsFileContent): its header, localhost and the
// ip6 names, a line per pod IP (with the FQDN when the pod has a subdomain), then the HostAliases section; hostNetwork
// pods get the node's file behind the "(host network)" header.
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class HostsFile
{
    private const string ManagedHeader = "# Kubernetes-managed hosts file.\n";
    private const string HostNetworkHeader = "# Kubernetes-managed hosts file (host network).\n";

    public static string Render(JsonObject pod, PodHostname name, PodPlanSettings settings)
    {
        var aliases = Aliases(pod);
        if (JsonRead.Bool(pod, "spec", "hostNetwork")) return HostNetworkHeader + settings.NodeHostsFile + aliases;
        var sb = new System.Text.StringBuilder(ManagedHeader)
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::0\tip6-localnet\n")
            .Append("fe00::0\tip6-mcastprefix\n")
            .Append("fe00::1\tip6-allnodes\n")
            .Append("fe00::2\tip6-allrouters\n");
        foreach (var ip in settings.PodIPs)
        {
            sb.Append(ip).Append('\t');
            if (name.Domain.Length > 0) sb.Append(name.Hostname).Append('.').Append(name.Domain).Append('\t');
            sb.Append(name.Hostname).Append('\n');
        }
        return sb.Append(aliases).ToString();
    }

    private static string Aliases(JsonObject pod)
    {
        if (JsonRead.At(pod, "spec", "hostAliases") is not JsonArray { Count: > 0 } list) return "";
        var sb = new System.Text.StringBuilder("\n# Entries added by HostAliases.\n");
        foreach (var alias in list.OfType<JsonObject>())
        {
            var names = (alias["hostnames"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "") ?? [];
            sb.Append(JsonRead.Str(alias, "ip")).Append('\t').Append(string.Join('\t', names)).Append('\n');
        }
        return sb.ToString();
    }
}
