// What a controller last wrote, by key, until its informer has caught up: reads take the newer of the informer's copy
// and the written one (by resourceVersion), so a sync right after a write neither re-creates nor conflicts needlessly.
using Kinet.Controllers.Runtime;
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Endpoints;

internal sealed class WrittenObjects
{
    private readonly object _gate = new();
    // key → the object as written, or null: deleted here and the informer has not reported it yet
    private readonly Dictionary<string, JsonObject?> _written = new(StringComparer.Ordinal);

    public JsonObject? Current(string key, JsonObject? cached)
    {
        lock (_gate)
        {
            if (!_written.TryGetValue(key, out var written)) return cached;
            if (written is null) return null;
            if (cached is not null && ObjectJson.ResourceVersion(cached) >= ObjectJson.ResourceVersion(written))
            {
                _written.Remove(key);
                return cached;
            }
            return written;
        }
    }

    public void Wrote(string key, JsonObject obj)
    {
        lock (_gate) _written[key] = obj;
    }

    public void Deleted(string key)
    {
        lock (_gate) _written[key] = null;
    }

    /// <summary>The informer reported the deletion of <paramref name="key"/>; true when it was this controller's own.</summary>
    public bool ObservedDeletion(string key)
    {
        lock (_gate)
        {
            if (_written.TryGetValue(key, out var w) && w is null) { _written.Remove(key); return true; }
            _written.Remove(key);
            return false;
        }
    }
}
