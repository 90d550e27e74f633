// Objects every cluster has from the start, as kube-apiserver's bootstrap controller creates them.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Handlers;
using Kinet.Api.Resources;

namespace Kinet.Api.Registry;

public static class Bootstrap
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task EnsureAsync(ObjectRegistry registry, ApiContext api, CancellationToken ct)
    {
        var namespaces = ResourceRegistry.Get("", "namespaces");
        var w = new WriteOptions { Manager = "kube-apiserver" };
        foreach (var ns in SystemNamespaces)
        {
            if (api.Get(namespaces, null, ns) is not null) continue;
            try
            {
                await registry.CreateAsync(namespaces, null, new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Namespace",
                    ["metadata"] = new JsonObject { ["name"] = ns },
                }, w, ct);
            }
            catch (ApiException e) when (e.Code == 409) { }
        }
    }
}
