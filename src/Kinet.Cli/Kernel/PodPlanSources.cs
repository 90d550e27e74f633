// What the planner reads besides the pod: Services from the shared informer (the kubelet's service lister), ConfigMaps
// and Secrets straight from the API's current state (the informer may not have seen a ConfigMap applied together with
// the pod yet; the kubelet's "Get" strategy for them reads the API too).
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Nodes.Plans;
using Kinet.Controllers.Runtime;

namespace Kinet.Cli.Kernel;

internal sealed class PodPlanSources(IObjectClient client, Informer services) : IPodPlanSources
{
    public JsonObject? ConfigMap(string ns, string name) => client.Get(Resources.ConfigMaps, ns, name);

    public JsonObject? Secret(string ns, string name) => client.Get(Resources.Secrets, ns, name);

    public IEnumerable<JsonObject> Services(string ns) => services.List(ns);
}
