// Per-node pod CIDRs carved out of the cluster pod subnet, as kube-controller-manager's nodeipam range allocator
// (cidrset): /24s of 10.244.0.0/16 handed out in order (round-robin after the last), one per node, kept by node
// name so a node asking again gets the same block, and rebuilt after a restart from the nodes' spec.podCIDR.
using Kinet.Model.Networking;

namespace Kinet.Model.Allocation;

public sealed class NodeCidrAllocator
{
    private const string NoneLeft = "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range";
    private readonly AllocationBitmap _bits;
    private readonly Dictionary<string, int> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _byIndex = [];
    private readonly Lock _gate = new();

    public NodeCidrAllocator(Cidr clusterCidr, int nodeMaskSize = 24)
    {
        if (nodeMaskSize > clusterCidr.Network.BitLength)
            throw new ArgumentException($"SubNetMask is invalid, should be lower or equal to 32 for IPv4 and to 128 for IPv6", nameof(nodeMaskSize));
        // cidrset keeps an uncompressed bitmap, so at most 2^16 blocks.
        if (nodeMaskSize < clusterCidr.PrefixLength || nodeMaskSize - clusterCidr.PrefixLength > 16)
            throw new ArgumentException("New CIDR set failed; the node CIDR size is too big", nameof(nodeMaskSize));
        ClusterCidr = clusterCidr;
        NodeMaskSize = nodeMaskSize;
        _bits = new AllocationBitmap(1 << (nodeMaskSize - clusterCidr.PrefixLength), ScanStrategy.RoundRobin());
    }

    public Cidr ClusterCidr { get; }

    public int NodeMaskSize { get; }

    public int Capacity => _bits.Size;

    public int Used => _bits.Used;

    /// <summary>The node's block, allocating the next free one the first time; Full with cidrset's text when none is left.</summary>
    public AllocationResult<Cidr> Allocate(string nodeName)
    {
        lock (_gate)
        {
            if (_byNode.TryGetValue(nodeName, out var held)) return AllocationResult<Cidr>.Ok(BlockAt(held));
            var index = _bits.AllocateNext();
            if (index < 0) return AllocationResult<Cidr>.Fail(AllocationFailure.Full, NoneLeft);
            Record(nodeName, index);
            return AllocationResult<Cidr>.Ok(BlockAt(index));
        }
    }

    /// <summary>Records a block a node already has (its spec.podCIDR), e.g. when rebuilding after a restart.</summary>
    public AllocationResult<Cidr> Occupy(string nodeName, Cidr cidr)
    {
        lock (_gate)
        {
            if (!ClusterCidr.Contains(cidr) || cidr.PrefixLength != NodeMaskSize)
                return AllocationResult<Cidr>.Fail(AllocationFailure.NotInRange,
                    $"cidr {cidr} is out the range of cluster cidr {ClusterCidr}");
            var index = (int)(ClusterCidr.IndexOf(cidr.Network) >> (cidr.Network.BitLength - NodeMaskSize));
            if (_byIndex.TryGetValue(index, out var owner))
                return owner == nodeName
                    ? AllocationResult<Cidr>.Ok(cidr)
                    : AllocationResult<Cidr>.Fail(AllocationFailure.AlreadyAllocated, $"cidr {cidr} is already allocated to node {owner}");
            if (_byNode.ContainsKey(nodeName))
                return AllocationResult<Cidr>.Fail(AllocationFailure.AlreadyAllocated,
                    $"node {nodeName} already has cidr {BlockAt(_byNode[nodeName])}");
            _bits.TryAllocate(index);
            Record(nodeName, index);
            return AllocationResult<Cidr>.Ok(cidr);
        }
    }

    /// <summary>Frees the node's block (node deleted); false if it had none.</summary>
    public bool Release(string nodeName)
    {
        lock (_gate)
        {
            if (!_byNode.Remove(nodeName, out var index)) return false;
            _byIndex.Remove(index);
            _bits.Release(index);
            return true;
        }
    }

    public Cidr? CidrOf(string nodeName)
    {
        lock (_gate) return _byNode.TryGetValue(nodeName, out var index) ? BlockAt(index) : null;
    }

    /// <summary>Every node's block, by node name.</summary>
    public IReadOnlyDictionary<string, Cidr> Assignments()
    {
        lock (_gate) return _byNode.ToDictionary(p => p.Key, p => BlockAt(p.Value), StringComparer.Ordinal);
    }

    private void Record(string nodeName, int index)
    {
        _byNode[nodeName] = index;
        _byIndex[index] = nodeName;
    }

    private Cidr BlockAt(int index) => ClusterCidr.Subnet(NodeMaskSize, (UInt128)index);
}
