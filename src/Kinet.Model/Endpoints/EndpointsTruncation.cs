// truncateEndpoints: an Endpoints object holds at most 1000 addresses; beyond that not-ready addresses go first,
// then ready ones are cut in proportion per subset, and the object is marked over-capacity.
using System.Text.Json.Nodes;
using static Kinet.Model.Endpoints.JsonRead;

namespace Kinet.Model.Endpoints;

public static class EndpointsTruncation
{
    public const int MaxCapacity = 1000;
    public const string OverCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";

    /// <summary>Truncates <paramref name="subsets"/> in place; true when it had to.</summary>
    public static bool Truncate(JsonArray subsets)
    {
        var list = subsets.OfType<JsonObject>().ToList();
        var totalReady = list.Sum(s => Arr(s, "addresses")?.Count ?? 0);
        var totalNotReady = list.Sum(s => Arr(s, "notReadyAddresses")?.Count ?? 0);
        if (totalReady + totalNotReady <= MaxCapacity) return false;

        var truncateReady = totalReady > MaxCapacity;
        var max = truncateReady ? MaxCapacity : MaxCapacity - totalReady;
        var numTotal = truncateReady ? totalReady : totalNotReady;
        var canBeAdded = max;
        foreach (var s in list)
        {
            var field = truncateReady ? "addresses" : "notReadyAddresses";
            var inSubset = Arr(s, field)?.Count ?? 0;
            var toBeAdded = Math.Min((int)Math.Ceiling((double)inSubset / numTotal * max), canBeAdded);
            Keep(s, field, toBeAdded);
            if (truncateReady) s.Remove("notReadyAddresses");
            canBeAdded -= Arr(s, field)?.Count ?? 0;
        }
        return true;
    }

    private static void Keep(JsonObject subset, string field, int count)
    {
        if (Arr(subset, field) is not { } arr) return;
        while (arr.Count > count) arr.RemoveAt(arr.Count - 1);
        if (arr.Count == 0) subset.Remove(field);
    }
}
