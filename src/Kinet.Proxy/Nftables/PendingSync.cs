// What one sync changes in the proxier's memory, kept beside the memory it started from (a null entry is a removal):
// a partial sync only records what it touched, and Fold() applies that to the committed memory in place once the
// transaction applied. A full sync starts from an empty memory.
using Kinet.Model.Services;
using Kinet.Nftables.Objects;

namespace Kinet.Proxy.Nftables;

internal sealed class PendingSync(bool full, string signature, ProxierMemory baseline)
{
    public Dictionary<ServicePortName, RenderedPort?> Ports { get; } = [];

    /// <summary>Every element id this sync touched, with its new entry (null: no port wants it any more).</summary>
    public Dictionary<string, (NftElement Element, int Owners)?> Elements { get; } = new(StringComparer.Ordinal);

    public void Acquire(NftElement element)
    {
        var id = ProxierMemory.ElementId(element);
        // Last writer wins when two ports claim one key with different values, as upstream's element storage does.
        Elements[id] = Current(id) is { } entry ? (element, entry.Owners + 1) : (element, 1);
    }

    public void Release(NftElement element)
    {
        var id = ProxierMemory.ElementId(element);
        if (Current(id) is not { } entry) return;
        Elements[id] = entry.Owners <= 1 ? null : (entry.Element, entry.Owners - 1);
    }

    public ProxierMemory Fold()
    {
        var memory = full ? new ProxierMemory() : baseline;
        memory.NodeSignature = signature;
        foreach (var (name, port) in Ports)
            if (port is null) memory.Ports.Remove(name);
            else memory.Ports[name] = port;
        foreach (var (id, entry) in Elements)
            if (entry is { } e) memory.Elements[id] = e;
            else memory.Elements.Remove(id);
        return memory;
    }

    private (NftElement Element, int Owners)? Current(string id) =>
        Elements.TryGetValue(id, out var pending) ? pending
        : !full && baseline.Elements.TryGetValue(id, out var committed) ? committed
        : null;
}
