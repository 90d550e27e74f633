// Keeps at most ten Update entries (upstream capManagersManager): the oldest updaters are folded, per apiVersion, into
// one "ancient-changes" entry so that managedFields cannot grow without bound.
namespace Kinet.Api.Patching.Apply;

internal static class ManagerCap
{
    public const int MaxUpdateManagers = 10;
    public const string AncientChanges = "ancient-changes";

    public static void Apply(ManagedFieldsState managed)
    {
        var updaters = managed.Managers.Where(m => !m.Value.Applied).ToList();
        if (updaters.Count <= MaxUpdateManagers) return;
        updaters = updaters
            .OrderBy(m => m.Value.Time is { } t ? t.ToUnixTimeSeconds() : 0)
            .ThenBy(m => m.Key.Identifier, StringComparer.Ordinal)
            .ToList();
        var firstByVersion = new Dictionary<string, ManagerKey>();
        var length = updaters.Count;
        for (var i = 0; i < updaters.Count && length > MaxUpdateManagers; i++)
        {
            var (key, set) = updaters[i];
            var bucket = ManagerKey.ForUpdate(AncientChanges, set.ApiVersion, null);
            if (firstByVersion.TryGetValue(set.ApiVersion, out var first))
            {
                if (!managed.Managers.ContainsKey(bucket))
                {
                    managed.Managers[bucket] = managed.Managers[first];
                    managed.Managers.Remove(first);
                }
                var merged = managed.Managers[bucket];
                managed.Managers[bucket] = new ManagedSet(set.Set.Union(merged.Set), set.ApiVersion, set.Applied, set.Time);
                managed.Managers.Remove(key);
                length--;
            }
            else firstByVersion[set.ApiVersion] = key;
        }
    }
}
