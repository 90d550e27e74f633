// Objects every cluster has from the start, as kube-apiserver's bootstrap controller creates them.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Handlers;
using Kinet.Api.Resources;

namespace Kinet.Api.Registry;

public static class Bootstrap
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task EnsureAsync(ObjectRegistry registry, ApiContext api, string kubernetesServiceIP, int apiServerPort, CancellationToken ct)
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

        // The `kubernetes` Service: the API server at the first service address, port 443 (bootstrap controller).
        var services = ResourceRegistry.Get("", "services");
        if (api.Get(services, "default", "kubernetes") is null)
        {
            try
            {
                await registry.CreateAsync(services, "default", new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Service",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = "kubernetes",
                        ["namespace"] = "default",
                        ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
                    },
                    ["spec"] = new JsonObject
                    {
                        ["type"] = "ClusterIP",
                        ["clusterIP"] = kubernetesServiceIP,
                        ["sessionAffinity"] = "None",
                        ["ports"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = apiServerPort,
                        }),
                    },
                }, w, ct);
            }
            catch (ApiException e) when (e.Code == 409) { }
        }
    }
}
