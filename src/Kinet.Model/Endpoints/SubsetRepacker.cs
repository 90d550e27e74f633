// endpoints.RepackSubsets: turns one-address-one-port subsets into the N-to-M form the Endpoints API wants —
// addresses offering the same set of ports share one subset; an address ready on any path stays ready.
using System.Text.Json.Nodes;
using static Kinet.Model.Endpoints.JsonRead;

namespace Kinet.Model.Endpoints;

/// <summary>One address on one port (null port: a headless Service without ports), before repacking.</summary>
public sealed record SubsetEntry(JsonObject Address, JsonObject? Port, bool Ready);

public static class SubsetRepacker
{
    public static JsonArray Repack(IEnumerable<SubsetEntry> entries)
    {
        var addresses = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var ports = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        // port key → address key → ready (ready wins over not ready)
        var readyByPort = new Dictionary<string, SortedDictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var addrKey = AddressKey(e.Address);
            addresses.TryAdd(addrKey, e.Address);
            var portKey = e.Port is null ? "" : PortKey(e.Port);
            ports.TryAdd(portKey, e.Port);
            if (!readyByPort.TryGetValue(portKey, out var set)) readyByPort[portKey] = set = new(StringComparer.Ordinal);
            set[addrKey] = set.GetValueOrDefault(addrKey) || e.Ready;
        }

        // Ports whose address sets (with readiness) are equal form one subset.
        var groups = new SortedDictionary<string, (SortedDictionary<string, bool> Addrs, List<JsonObject> Ports)>(StringComparer.Ordinal);
        foreach (var (portKey, set) in readyByPort)
        {
            var setKey = string.Join(";", set.Select(p => $"{p.Key}={p.Value}"));
            if (!groups.TryGetValue(setKey, out var g)) groups[setKey] = g = (set, []);
            if (ports[portKey] is { } port) g.Ports.Add(port);
        }

        var subsets = new List<JsonObject>();
        foreach (var (_, (addrs, groupPorts)) in groups)
        {
            var subset = new JsonObject();
            var ready = SortAddresses(addrs.Where(p => p.Value).Select(p => addresses[p.Key]));
            var notReady = SortAddresses(addrs.Where(p => !p.Value).Select(p => addresses[p.Key]));
            if (ready.Count > 0) subset["addresses"] = ready;
            if (notReady.Count > 0) subset["notReadyAddresses"] = notReady;
            if (groupPorts.Count > 0)
                subset["ports"] = new JsonArray(groupPorts.OrderBy(PortKey, StringComparer.Ordinal).Select(p => (JsonNode)p.DeepClone()).ToArray());
            subsets.Add(subset);
        }
        return new JsonArray(subsets.OrderBy(SubsetOrder, StringComparer.Ordinal).Select(s => (JsonNode)s).ToArray());
    }

    /// <summary>LessEndpointAddress: by IP as bytes (so "10.0.0.10" sorts before "10.0.0.9"), then targetRef uid.</summary>
    private static JsonArray SortAddresses(IEnumerable<JsonObject> addrs) =>
        new(addrs.OrderBy(a => Str(a, "ip"), StringComparer.Ordinal)
            .ThenBy(a => Str(a, "targetRef", "uid") ?? "", StringComparer.Ordinal)
            .Select(a => (JsonNode)a.DeepClone()).ToArray());

    private static string AddressKey(JsonObject a) => $"{Str(a, "ip")}/{Str(a, "targetRef", "uid")}";

    private static string PortKey(JsonObject p) => $"{Str(p, "name")}/{Int(p["port"]):D5}/{Str(p, "protocol")}/{Str(p, "appProtocol")}";

    private static string SubsetOrder(JsonObject s) =>
        $"{Str(Arr(s, "ports")?.FirstOrDefault(), "name")}/{Int(Arr(s, "ports")?.FirstOrDefault()?["port"]):D5}"
        + $"|{Str(Arr(s, "addresses")?.FirstOrDefault() ?? Arr(s, "notReadyAddresses")?.FirstOrDefault(), "ip")}";
}
