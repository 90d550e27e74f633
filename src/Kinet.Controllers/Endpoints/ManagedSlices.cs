// The EndpointSlice controller's view of its own slices, per Service: fed by the slice informer and by the results
// of the controller's own writes, whichever is newer (upstream's EndpointSliceTracker). So a sync never works from a
// cache that has not yet seen the previous sync's writes (which would create duplicate slices), and the informer's
// echo of a write the controller made itself does not queue the Service again.
using Kinet.Controllers.Runtime;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Model.Endpoints;

namespace Kinet.Controllers.Endpoints;

internal sealed class ManagedSlices
{
    private readonly object _gate = new();
    // service key → slice name → slice
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _byService = new(StringComparer.Ordinal);
    // slice key → service key it is filed under
    private readonly Dictionary<string, string> _serviceOf = new(StringComparer.Ordinal);
    // slices this controller deleted whose deletion the informer has not reported yet
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

    public static bool IsManaged(JsonObject slice) =>
        ObjectJson.Label(slice, EndpointSliceLabels.ManagedBy) == EndpointSliceLabels.ControllerName
        && ObjectJson.Label(slice, EndpointSliceLabels.ServiceName).Length > 0;

    private static string ServiceKey(JsonObject slice) =>
        ObjectJson.Key(ObjectJson.Namespace(slice), ObjectJson.Label(slice, EndpointSliceLabels.ServiceName));

    public IReadOnlyList<JsonObject> For(string serviceKey)
    {
        lock (_gate) return _byService.TryGetValue(serviceKey, out var slices) ? slices.Values.ToArray() : [];
    }

    /// <summary>Applies an informer event; returns the Services to sync because someone else changed their slices.</summary>
    public IReadOnlyList<string> Observe(WatchEvent e)
    {
        var sliceKey = ObjectJson.Key(e.Object);
        lock (_gate)
        {
            if (e.Type == WatchEventType.Deleted)
            {
                if (_deleted.Remove(sliceKey)) return [];
                return Unfile(sliceKey) is { } owner ? [owner] : [];
            }
            if (_deleted.Contains(sliceKey)) return []; // a late report of a slice already deleted here
            if (!IsManaged(e.Object))
                return Unfile(sliceKey) is { } formerOwner ? [formerOwner] : []; // taken over by another manager
            var svc = ServiceKey(e.Object);
            var name = ObjectJson.Name(e.Object);
            List<string> affected = [];
            if (_serviceOf.TryGetValue(sliceKey, out var filedUnder) && filedUnder != svc)
            {
                Unfile(sliceKey);
                affected.Add(filedUnder);
            }
            else if (_byService.TryGetValue(svc, out var known) && known.TryGetValue(name, out var current)
                && ObjectJson.ResourceVersion(current) >= ObjectJson.ResourceVersion(e.Object))
            {
                return []; // the echo of this controller's own write, or older
            }
            File(svc, sliceKey, e.Object);
            affected.Add(svc);
            return affected;
        }
    }

    /// <summary>Records a slice this controller created or updated (the API's answer).</summary>
    public void Wrote(JsonObject slice)
    {
        var sliceKey = ObjectJson.Key(slice);
        lock (_gate)
        {
            if (!IsManaged(slice)) { Unfile(sliceKey); return; }
            var svc = ServiceKey(slice);
            if (_byService.TryGetValue(svc, out var known) && known.TryGetValue(ObjectJson.Name(slice), out var current)
                && ObjectJson.ResourceVersion(current) > ObjectJson.ResourceVersion(slice))
                return;
            File(svc, sliceKey, slice);
        }
    }

    /// <summary>Records a slice this controller deleted (or found already gone).</summary>
    public void Removed(JsonObject slice, bool deletedHere)
    {
        var sliceKey = ObjectJson.Key(slice);
        lock (_gate)
        {
            Unfile(sliceKey);
            if (deletedHere) _deleted.Add(sliceKey);
        }
    }

    private void File(string svc, string sliceKey, JsonObject slice)
    {
        if (!_byService.TryGetValue(svc, out var slices)) _byService[svc] = slices = new(StringComparer.Ordinal);
        slices[ObjectJson.Name(slice)] = slice;
        _serviceOf[sliceKey] = svc;
    }

    private string? Unfile(string sliceKey)
    {
        if (!_serviceOf.Remove(sliceKey, out var svc)) return null;
        if (_byService.TryGetValue(svc, out var slices))
        {
            slices.Remove(ObjectJson.SplitKey(sliceKey).Name);
            if (slices.Count == 0) _byService.Remove(svc);
        }
        return svc;
    }
}
