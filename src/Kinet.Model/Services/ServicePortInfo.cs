// One Service port as the proxy sees it (kube-proxy's ServicePortInfo): only what rules need, for one IP family.
// Built from a Service by ServiceProxyInfo; headless and ExternalName Services produce none.
using System.Net;

namespace Kinet.Model.Services;

public sealed record ServicePortInfo
{
    public required ServicePortName Name { get; init; }

    /// <summary>The Service's cluster IP of this family.</summary>
    public required IPAddress ClusterIP { get; init; }

    public required int Port { get; init; }

    /// <summary>0 when the Service has no NodePort for this port.</summary>
    public int NodePort { get; init; }

    /// <summary>status.loadBalancer.ingress[].ip of this family.</summary>
    public IReadOnlyList<IPAddress> LoadBalancerIPs { get; init; } = [];

    /// <summary>spec.loadBalancerSourceRanges (CIDRs); empty allows every source.</summary>
    public IReadOnlyList<string> LoadBalancerSourceRanges { get; init; } = [];

    public IReadOnlyList<IPAddress> ExternalIPs { get; init; } = [];

    /// <summary>sessionAffinity: ClientIP.</summary>
    public bool ClientIPAffinity { get; init; }

    /// <summary>sessionAffinityConfig.clientIP.timeoutSeconds (default 10800).</summary>
    public int StickyMaxAgeSeconds { get; init; } = 10800;

    /// <summary>externalTrafficPolicy: Local (only for NodePort/LoadBalancer Services).</summary>
    public bool ExternalPolicyLocal { get; init; }

    /// <summary>internalTrafficPolicy: Local.</summary>
    public bool InternalPolicyLocal { get; init; }

    /// <summary>spec.healthCheckNodePort (0 when none).</summary>
    public int HealthCheckNodePort { get; init; }

    /// <summary>Whether traffic policies make some traffic use only this node's endpoints.</summary>
    public bool UsesLocalEndpoints => ExternalPolicyLocal || InternalPolicyLocal;

    /// <summary>True when the port is reachable from outside the cluster (NodePort, external IPs, load balancer).</summary>
    public bool ExternallyAccessible => NodePort != 0 || ExternalIPs.Count > 0 || LoadBalancerIPs.Count > 0;

    /// <summary>kube-proxy's ExternalPolicyLocal applies only to externally accessible ports.</summary>
    public bool ExternalPolicyLocalEffective => ExternalPolicyLocal && ExternallyAccessible;
}
