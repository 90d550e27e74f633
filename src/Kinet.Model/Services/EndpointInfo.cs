// One endpoint of one Service port, as the proxy sees it (kube-proxy's BaseEndpointInfo): the address and the port the
// Service's targetPort resolved to on this endpoint (named targetPorts resolve per pod), the EndpointSlice conditions,
// and where it runs. IsLocal is relative to the node the rules are for.
using System.Net;

namespace Kinet.Model.Services;

public sealed record EndpointInfo
{
    public required IPAddress Address { get; init; }

    public required int Port { get; init; }

    /// <summary>conditions.ready (a nil ready counts as true, as upstream).</summary>
    public bool Ready { get; init; } = true;

    /// <summary>conditions.serving (nil counts as true, as kube-proxy 1.32 reads it).</summary>
    public bool Serving { get; init; } = true;

    public bool Terminating { get; init; }

    public string? NodeName { get; init; }

    public string? Zone { get; init; }

    /// <summary>Whether the endpoint runs on the node the rules are rendered for.</summary>
    public bool IsLocal { get; init; }

    /// <summary>"ip:port" ("[ip]:port" for IPv6), kube-proxy's endpoint string; also what hashes are taken of.</summary>
    public string Key => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Address}]:{Port}" : $"{Address}:{Port}";

    public override string ToString() => Key;
}
