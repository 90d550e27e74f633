// What `kinet dns` answers from: one view of the cluster and the Corefile's configuration, read once, either from the
// running cluster (through the official client with the cluster's admin kubeconfig, as the DNS server reads it) or from
// manifest files (offline). The Corefile is the coredns ConfigMap's, else kubeadm's default.
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kinet.Model.Dns;

namespace Kinet.Cli.Dns;

internal sealed record DnsSnapshot(ClusterDnsView View, ClusterDnsConfig Config)
{
    public static async Task<DnsSnapshot> FromClusterAsync(KubernetesClientConfiguration configuration, string clusterDomain, CancellationToken ct)
    {
        using var client = new Kubernetes(configuration);
        try
        {
            var services = await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct);
            var slices = await client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(cancellationToken: ct);
            var pods = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct);
            var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: ct);
            string? corefile = null;
            try
            {
                var cm = await client.CoreV1.ReadNamespacedConfigMapAsync(CoreDnsAddon.Name, CoreDnsAddon.Namespace, cancellationToken: ct);
                corefile = cm.Data is { } data && data.TryGetValue("Corefile", out var text) ? text : null;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { }
            return new DnsSnapshot(
                ClusterDnsView.Build(services.Items, slices.Items, pods.Items, namespaces.Items),
                ParseCorefile(corefile ?? Corefile.Default(clusterDomain), $"configmap {CoreDnsAddon.Namespace}/{CoreDnsAddon.Name}"));
        }
        catch (HttpOperationException e)
        {
            throw new CliException($"reading the cluster failed: {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"reading the cluster failed: {e.Message}");
        }
    }

    public static DnsSnapshot FromManifests(ManifestObjects objects, string clusterDomain)
    {
        var cm = objects.ConfigMaps.LastOrDefault(c => c.Metadata?.Name == CoreDnsAddon.Name && c.Metadata.NamespaceProperty == CoreDnsAddon.Namespace);
        var corefile = cm?.Data is { } data && data.TryGetValue("Corefile", out var text) ? text : null;
        return new DnsSnapshot(
            ClusterDnsView.Build(objects.Services, objects.Slices, objects.Pods, objects.ImpliedNamespaces()),
            ParseCorefile(corefile ?? Corefile.Default(clusterDomain), "the coredns ConfigMap in the files"));
    }

    private static ClusterDnsConfig ParseCorefile(string text, string source)
    {
        try { return Corefile.Parse(text); }
        catch (CorefileException e) { throw new CliException($"the Corefile of {source} is not valid: {e.Message}"); }
    }
}
