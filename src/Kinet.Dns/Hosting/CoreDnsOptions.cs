// What one coredns pod runs with. SEAM (written before the helpers started): the server helper implements
// CoreDnsHost; the composition (kernel data plane's coredns image profile) starts it inside the pod's netns.
using System.Net;
using System.Net.Sockets;

namespace Kinet.Dns.Hosting;

public sealed record CoreDnsOptions
{
    /// <summary>How to reach the Kubernetes API (the official client's configuration: kubeconfig or in-cluster).</summary>
    public required k8s.KubernetesClientConfiguration Kubernetes { get; init; }

    /// <summary>The ConfigMap holding the Corefile (key `Corefile`), watched: an edit takes effect without a restart.</summary>
    public string ConfigMapNamespace { get; init; } = "kube-system";

    public string ConfigMapName { get; init; } = "coredns";

    /// <summary>When set, this Corefile is used and no ConfigMap is read.</summary>
    public string? Corefile { get; init; }

    /// <summary>Where to listen (the port comes from the Corefile's server block, 53 by default).</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    /// <summary>Creates the server's sockets; the kernel data plane passes one that makes them inside the pod's
    /// network namespace. Default: ordinary sockets.</summary>
    public Func<AddressFamily, SocketType, ProtocolType, Socket> SocketFactory { get; init; } = (f, t, p) => new Socket(f, t, p);

    public Action<string> Log { get; init; } = _ => { };

    /// <summary>CoreDNS's `health` plugin port (GET /health → 200 "OK"); 0 picks a free port, -1 turns it off.</summary>
    public int HealthPort { get; init; } = 8080;

    /// <summary>CoreDNS's `ready` plugin port (GET /ready → 200 "OK" once the first view is built, 503 before).</summary>
    public int ReadyPort { get; init; } = 8181;

    /// <summary>UDP receive loops (0: one per core).</summary>
    public int UdpLoops { get; init; }

    /// <summary>Called once the server listens, with where (useful with port 0 in tests and benchmarks).</summary>
    public Action<CoreDnsEndpoints>? Listening { get; init; }
}

/// <summary>Where a running server listens; a probe endpoint is null when turned off.</summary>
public sealed record CoreDnsEndpoints(IPEndPoint Dns, IPEndPoint? Health, IPEndPoint? Ready);
