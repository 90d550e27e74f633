// What the daemon hands the API server: where to listen, how to authenticate, and the store to serve.
using System.Security.Cryptography.X509Certificates;
using Kinet.Store;

namespace Kinet.Api.Hosting;

public sealed record ApiServerOptions
{
    public required IObjectStore Store { get; init; }
    /// <summary>Address to bind; always loopback.</summary>
    public System.Net.IPAddress Address { get; init; } = System.Net.IPAddress.Loopback;
    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; init; } = 6443;
    /// <summary>Serving certificate with its private key (signed by the cluster CA).</summary>
    public required X509Certificate2 ServingCertificate { get; init; }
    /// <summary>Bearer tokens accepted, each mapped to a user name.</summary>
    public required IReadOnlyDictionary<string, string> Tokens { get; init; }
    /// <summary>The Service ClusterIP range (kube-apiserver --service-cluster-ip-range); its first address is the `kubernetes` Service's.</summary>
    public string ServiceCidr { get; init; } = "10.96.0.0/12";
    /// <summary>How often a watch that allows bookmarks gets one (kube-apiserver: about once a minute).</summary>
    public TimeSpan WatchBookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Cluster name, for messages and the kubernetes Service endpoint.</summary>
    public string ClusterName { get; init; } = "kinet";
    /// <summary>What serves pods' log, exec, attach and port-forward (the node agent); null answers them 400.</summary>
    public Kinet.Api.Streams.IPodStreams? PodStreams { get; init; }
    /// <summary>False refuses WebSocket upgrades for exec, attach and port-forward, so that clients fall back to SPDY (tests).</summary>
    public bool PodStreamWebSockets { get; init; } = true;
}
