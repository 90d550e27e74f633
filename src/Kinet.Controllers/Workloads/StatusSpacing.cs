// Spaces out status writes that only move counters (readyReplicas 417 → 418 → 419 …): while a thousand pods start, one
// write per object per interval carries the same news as a thousand, and every write costs the API server (and every
// watcher) a full object. Writes that change anything else — an observed generation, a condition — go at once.
// A deliberate difference from kube-controller-manager, invisible to kubectl: the counts are at most one interval late.
namespace Kinet.Controllers.Workloads;

internal sealed class StatusSpacing(TimeProvider clock, TimeSpan interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastWrite = new(StringComparer.Ordinal);

    /// <summary>Zero when a counters-only write for <paramref name="key"/> may go now (and it is then counted as made);
    /// otherwise how long to wait.</summary>
    public TimeSpan Reserve(string key)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_lastWrite.TryGetValue(key, out var last) && now - last < interval) return interval - (now - last);
            _lastWrite[key] = now;
            // Forget long-idle keys now and then so deleted objects do not accumulate.
            if (_lastWrite.Count > 4096)
                foreach (var stale in _lastWrite.Where(kv => now - kv.Value > interval).Select(kv => kv.Key).ToArray()) _lastWrite.Remove(stale);
            return TimeSpan.Zero;
        }
    }

    /// <summary>A write that went regardless (not counters-only) also starts an interval.</summary>
    public void Wrote(string key)
    {
        lock (_gate) _lastWrite[key] = clock.GetUtcNow();
    }

    /// <summary>Whether two statuses differ at most in the given counter fields.</summary>
    public static bool OnlyCountersDiffer(System.Text.Json.Nodes.JsonObject? a, System.Text.Json.Nodes.JsonObject? b, IReadOnlyList<string> counters)
    {
        static string Rest(System.Text.Json.Nodes.JsonObject? s, IReadOnlyList<string> counters)
        {
            var copy = s?.DeepClone().AsObject() ?? [];
            foreach (var c in counters) copy.Remove(c);
            return Kinet.Model.Workloads.PodTemplateHash.Canonical(copy);
        }
        return Rest(a, counters) == Rest(b, counters);
    }
}
