// What the controller manager needs from the composition root: the client, the served namespaced resources (namespace
// deletion, garbage collection), the cluster's address plan pieces the controllers use, and where the API server is.
using Kinet.Controllers.Client;
using Kinet.Model.Networking;

namespace Kinet.Controllers.Runtime;

public sealed record ControllerManagerOptions
{
    public required IObjectClient Client { get; init; }
    public required IReadOnlyList<ResourceRef> NamespacedResources { get; init; }
    public Action<string> Log { get; init; } = _ => { };
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>LoadBalancer Service addresses (MetalLB-style pool).</summary>
    public IPRange LoadBalancerPool { get; init; } = IPRange.LoadBalancerDefault;

    /// <summary>The address the `kubernetes` Service's endpoints name (the control-plane node's InternalIP, as on kind).</summary>
    public required string ApiServerAddress { get; init; }

    public required int ApiServerPort { get; init; }

    /// <summary>What runs pods on the nodes: the simulated agent (kwok-like) unless the composition root gives another.</summary>
    public Nodes.INodeAgent? NodeAgent { get; init; }

    /// <summary>Makes the node agent from the controllers' context (shared informers, event recorder) when it needs them,
    /// as the kernel data plane's does; wins over <see cref="NodeAgent"/>.</summary>
    public Func<ControllerContext, Nodes.INodeAgent>? NodeAgentFactory { get; init; }

    /// <summary>The cluster CA certificate (PEM) published in every namespace as ConfigMap kube-root-ca.crt; none when null.</summary>
    public string? RootCaPem { get; init; }

    /// <summary>More controllers the composition root runs alongside these (the kernel data plane's service proxies):
    /// each gets the shared context, runs until cancelled, and is logged and restarted after a failure like the others.</summary>
    public IReadOnlyList<ExtraController> ExtraControllers { get; init; } = [];
}

/// <summary>A controller from outside this project: its name (for the log) and its body.</summary>
public sealed record ExtraController(string Name, Func<ControllerContext, CancellationToken, Task> RunAsync);
