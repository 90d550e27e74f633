// CoreDNS's kubernetes plugin's informers: Services, EndpointSlices, Pods and Namespaces across the cluster, plus the
// coredns ConfigMap (unless the Corefile is given), each a reflector; any change calls one callback.
using k8s;
using k8s.Models;

namespace Kinet.Dns.Kubernetes;

internal sealed class ClusterWatch
{
    private readonly Reflector<V1Service, V1ServiceList> _services;
    private readonly Reflector<V1EndpointSlice, V1EndpointSliceList> _slices;
    private readonly Reflector<V1Pod, V1PodList> _pods;
    private readonly Reflector<V1Namespace, V1NamespaceList> _namespaces;
    private readonly Reflector<V1ConfigMap, V1ConfigMapList>? _configMaps;
    private readonly string? _configMapName;

    public ClusterWatch(IKubernetes client, string? configMapNamespace, string? configMapName, Action changed, Action<string> log)
    {
        _services = new("*v1.Service", ct => client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct), changed, log);
        _slices = new("*v1.EndpointSlice", ct => client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct), changed, log);
        _pods = new("*v1.Pod", ct => client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct),
            (rv, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct), changed, log);
        _namespaces = new("*v1.Namespace", ct => client.CoreV1.ListNamespaceAsync(cancellationToken: ct),
            (rv, onError, ct) => client.CoreV1.WatchListNamespaceAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct), changed, log);
        if (configMapNamespace is not null && configMapName is not null)
        {
            _configMapName = configMapName;
            var selector = $"metadata.name={configMapName}";
            _configMaps = new("*v1.ConfigMap", ct => client.CoreV1.ListNamespacedConfigMapAsync(configMapNamespace, fieldSelector: selector, cancellationToken: ct),
            (rv, onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync(configMapNamespace, fieldSelector: selector, allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct), changed, log);
        }
    }

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(
        _services.RunAsync(ct), _slices.RunAsync(ct), _pods.RunAsync(ct), _namespaces.RunAsync(ct), _configMaps?.RunAsync(ct) ?? Task.CompletedTask);

    /// <summary>Completes once every resource has been listed.</summary>
    public Task Synced => Task.WhenAll(_services.Synced, _slices.Synced, _pods.Synced, _namespaces.Synced, _configMaps?.Synced ?? Task.CompletedTask);

    public ClusterObjects Snapshot() => new(_services.Items, _slices.Items, _pods.Items, _namespaces.Items);

    /// <summary>The ConfigMap's `Corefile` key; null when the ConfigMap or the key is missing.</summary>
    public string? Corefile()
    {
        var cm = _configMaps?.Items.FirstOrDefault(c => c.Metadata?.Name == _configMapName);
        return cm?.Data is { } data && data.TryGetValue("Corefile", out var text) ? text : null;
    }
}
