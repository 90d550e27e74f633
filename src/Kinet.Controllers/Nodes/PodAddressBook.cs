// Who holds which pod address on which node: one host-local style allocator per node CIDR, and the owner (pod uid) of
// every address handed out. Concurrency-safe; an address is never held by two pods at once, a pod asking again gets
// the address it already holds, and the book is rebuilt from the pods' status.podIPs when the daemon starts so that
// running pods keep their addresses.
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Controllers.Nodes;

public sealed class PodAddressBook
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PodIPAllocator> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Node, IP Address)> _byPod = new(StringComparer.Ordinal);

    /// <summary>Declares (or changes) a node's pod CIDR. Addresses held from an earlier CIDR of the node stay recorded
    /// and are given back to nothing when released.</summary>
    public void SetNode(string node, Cidr podCidr)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(node, out var existing) && existing.Cidr == podCidr) return;
            var allocator = new PodIPAllocator(podCidr);
            foreach (var (n, ip) in _byPod.Values)
                if (n == node) allocator.Allocate(ip);
            _nodes[node] = allocator;
        }
    }

    public bool HasNode(string node)
    {
        lock (_gate) return _nodes.ContainsKey(node);
    }

    /// <summary>The node's allocator's gateway (.1), or null for an unknown node.</summary>
    public IP? Gateway(string node)
    {
        lock (_gate) return _nodes.TryGetValue(node, out var a) ? a.Gateway : null;
    }

    /// <summary>An address on <paramref name="node"/> for the pod: the one it holds already, or the next free one.
    /// Fails with host-local's message when the node's range is exhausted or the node has no CIDR.</summary>
    public AllocationResult<IP> Allocate(string node, string podUid)
    {
        lock (_gate)
        {
            if (_byPod.TryGetValue(podUid, out var held) && held.Node == node) return new AllocationResult<IP>(held.Address, AllocationFailure.None, "");
            if (!_nodes.TryGetValue(node, out var allocator))
                return new AllocationResult<IP>(default, AllocationFailure.NotInRange, $"node {node} has no pod CIDR");
            var result = allocator.Allocate();
            if (!result.Succeeded) return result;
            if (_byPod.Remove(podUid, out var moved)) ReleaseLocked(moved.Node, moved.Address);
            _byPod[podUid] = (node, result.Value);
            return result;
        }
    }

    /// <summary>Records an address a pod already has (daemon restart). False when it lies outside the node's range or
    /// another pod holds it: then the pod must not keep it.</summary>
    public bool Restore(string node, string podUid, IP address)
    {
        lock (_gate)
        {
            if (_byPod.TryGetValue(podUid, out var held)) return held.Node == node && held.Address == address;
            if (!_nodes.TryGetValue(node, out var allocator) || !allocator.Allocate(address).Succeeded) return false;
            _byPod[podUid] = (node, address);
            return true;
        }
    }

    /// <summary>Gives the pod's address back; false when it held none.</summary>
    public bool Release(string podUid)
    {
        lock (_gate)
        {
            if (!_byPod.Remove(podUid, out var held)) return false;
            ReleaseLocked(held.Node, held.Address);
            return true;
        }
    }

    public IP? AddressOf(string podUid)
    {
        lock (_gate) return _byPod.TryGetValue(podUid, out var held) ? held.Address : null;
    }

    /// <summary>How many addresses are held on the node.</summary>
    public int Used(string node)
    {
        lock (_gate) return _nodes.TryGetValue(node, out var a) ? a.Used : 0;
    }

    private void ReleaseLocked(string node, IP address)
    {
        if (_nodes.TryGetValue(node, out var allocator)) allocator.Release(address);
    }
}
