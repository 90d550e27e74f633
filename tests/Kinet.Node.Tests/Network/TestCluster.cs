// A cluster network for one test: a unique name (t + 6 hex) and ranges unlikely to meet any other cluster on the machine
// (underlay 172.19-31.x.0/24, pod CIDRs 10.160-239.<n>.0/24, an extra host route 10.<same>.250.0/24), brought down in
// Dispose even when the test fails. Conventions: node i is n<i> at underlay .(i+2), pod CIDR .<i>.0/24.
using System.Net;
using Kinet.Node.Network;

namespace Kinet.Node.Tests.Network;

internal sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(ClusterNetworkSpec spec) => Spec = spec;

    public ClusterNetworkSpec Spec { get; private set; }

    public ClusterNetwork Network { get; private set; } = null!;

    public string Name => Spec.Cluster;

    public static ClusterNetworkSpec MakeSpec(NetworkMode mode, int nodes)
    {
        var name = "t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
        var (underlay, podOctet) = NextRanges();
        var nodeSpecs = Enumerable.Range(0, nodes).Select(i => MakeNode(underlay, podOctet, i)).ToList();
        return new ClusterNetworkSpec(name, underlay, Nth(underlay, 1), mode, nodeSpecs,
            [IPNetwork.Parse($"10.{podOctet}.250.0/24")]);
    }

    // Clusters of one test run never share ranges (a counter from a random start); another test run on the machine
    // picks another start, and Kinet's conflict check would refuse a collision rather than break either.
    private static int next = Random.Shared.Next(0, 80 * 13);

    public static (IPNetwork Underlay, int PodOctet) NextRanges()
    {
        var n = Interlocked.Increment(ref next);
        return (IPNetwork.Parse($"172.{19 + n % 13}.{n / 13 % 256}.0/24"), 160 + n % 80);
    }

    public static NodeNetworkSpec MakeNode(IPNetwork underlay, int podOctet, int i) =>
        new($"n{i}", Nth(underlay, (uint)i + 2), IPNetwork.Parse($"10.{podOctet}.{i}.0/24"));

    public static async Task<TestCluster> UpAsync(NetworkMode mode, int nodes)
    {
        RootOnly.Require();
        var cluster = new TestCluster(MakeSpec(mode, nodes));
        try
        {
            cluster.Network = await ClusterNetwork.UpAsync(cluster.Spec, CancellationToken.None);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Brings the cluster to <paramref name="spec"/> (same name) with UpAsync, as a restarted daemon would.</summary>
    public async Task ReconcileAsync(ClusterNetworkSpec spec)
    {
        Spec = spec;
        Network = await ClusterNetwork.UpAsync(spec, CancellationToken.None);
    }

    public NodeNetworkSpec Node(int i) => Spec.Nodes[i];

    /// <summary>The n-th pod address on node i (n ≥ 2; .1 is cni0).</summary>
    public IPAddress PodIp(int node, int n) => Nth(Spec.Nodes[node].PodCidr, (uint)n);

    public Task<PodNetworkHandle> PodAsync(int node, string id, int n) =>
        Network.CreatePodNetworkAsync(Spec.Nodes[node].Name, id, [PodIp(node, n)], CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await ClusterNetwork.DownAsync(Name, CancellationToken.None);
    }

    public static IPAddress Nth(IPNetwork network, uint n)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        bytes[3] += (byte)n;
        return new IPAddress(bytes);
    }
}
