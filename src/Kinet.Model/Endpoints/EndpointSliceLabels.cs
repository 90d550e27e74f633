// Labels of a managed EndpointSlice (setEndpointSliceLabels): the Service's labels minus the reserved keys, the
// headless marker when the Service has no cluster IP, then the service-name and managed-by labels.
using System.Text.Json.Nodes;
using Kinet.Model.Selectors;
using static Kinet.Model.Endpoints.JsonRead;

namespace Kinet.Model.Endpoints;

public static class EndpointSliceLabels
{
    public const string ServiceName = "kubernetes.io/service-name";
    public const string ManagedBy = "endpointslice.kubernetes.io/managed-by";
    public const string ControllerName = "endpointslice-controller.k8s.io";
    public const string Headless = "service.kubernetes.io/headless";

    public static bool IsReserved(string key) => key is ServiceName or ManagedBy or Headless;

    /// <summary>The labels the slice should carry, and whether its non-reserved labels differ from the Service's
    /// (upstream's "labels changed" signal, which ignores the reserved keys).</summary>
    public static (Dictionary<string, string> Labels, bool Changed) For(JsonObject? slice, JsonObject service)
    {
        var sliceLabels = LabelSelector.LabelsOf(Obj(slice, "metadata", "labels"))
            .Where(p => !IsReserved(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var labels = LabelSelector.LabelsOf(Obj(service, "metadata", "labels"))
            .Where(p => !IsReserved(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var changed = sliceLabels.Count != labels.Count
            || sliceLabels.Any(p => !labels.TryGetValue(p.Key, out var v) || v != p.Value);
        if (!PodEndpointRules.IsServiceIPSet(service)) labels[Headless] = "";
        labels[ServiceName] = Str(service, "metadata", "name") ?? "";
        labels[ManagedBy] = ControllerName;
        return (labels, changed);
    }

    /// <summary>Is this slice one the EndpointSlice controller manages for this Service (its list selector)?</summary>
    public static bool IsManagedFor(JsonObject slice, string serviceName) =>
        Str(slice, "metadata", "labels", ServiceName) == serviceName
        && Str(slice, "metadata", "labels", ManagedBy) == ControllerName;
}
