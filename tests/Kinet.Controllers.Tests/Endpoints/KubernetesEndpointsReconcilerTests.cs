// The `kubernetes` Service's endpoints as kube-apiserver writes them: the API server's address on 6443 named https,
// in the Endpoints (skip-mirror) and the EndpointSlice of that name, written once and put back when changed.
using System.Text.Json.Nodes;
using Kinet.Controllers.Endpoints;
using Kinet.Controllers.Runtime;
using static Kinet.Controllers.Tests.Endpoints.EndpointsCluster;

namespace Kinet.Controllers.Tests.Endpoints;

public class KubernetesEndpointsReconcilerTests
{
    [Fact]
    public async Task The_kubernetes_Endpoints_and_slice_point_at_the_API_server()
    {
        await using var c = await StartAsync(controllers: false);
        var reconciler = new KubernetesEndpointsReconciler(c.Context, "172.18.0.2", 6443);

        Assert.True(await reconciler.EnsureAsync(c.Token));

        var ep = c.Client.Get(Resources.Endpoints, "default", "kubernetes")!;
        Assert.Equal("true", ep["metadata"]!["labels"]!["endpointslice.kubernetes.io/skip-mirror"]!.GetValue<string>());
        Assert.Equal("172.18.0.2:6443", c.EndpointsColumn("kubernetes"));
        var port = ep["subsets"]![0]!["ports"]![0]!;
        Assert.Equal(("https", "TCP"), (port["name"]!.GetValue<string>(), port["protocol"]!.GetValue<string>()));

        var slice = Assert.Single(c.Slices("kubernetes"));
        Assert.Equal("kubernetes", slice["metadata"]!["name"]!.GetValue<string>());
        var labels = slice["metadata"]!["labels"]!.AsObject();
        Assert.Equal(["kubernetes.io/service-name"], labels.Select(p => p.Key));
        Assert.Null(slice["metadata"]!["ownerReferences"]);
        Assert.Equal("IPv4", slice["addressType"]!.GetValue<string>());
        Assert.Equal("172.18.0.2", slice["endpoints"]![0]!["addresses"]![0]!.GetValue<string>());
        Assert.True(slice["endpoints"]![0]!["conditions"]!["ready"]!.GetValue<bool>());
        Assert.Equal(6443, slice["ports"]![0]!["port"]!.GetValue<int>());
        Assert.Equal("https", slice["ports"]![0]!["name"]!.GetValue<string>());

        Assert.False(await reconciler.EnsureAsync(c.Token)); // nothing to write a second time
    }

    [Fact]
    public async Task A_changed_kubernetes_Endpoints_is_put_back_and_stray_slices_go()
    {
        await using var c = await StartAsync(controllers: false);
        var reconciler = new KubernetesEndpointsReconciler(c.Context, "172.18.0.2", 6443);
        c.Start(reconciler.RunAsync);
        await Eventually(() => c.EndpointsColumn("kubernetes") == "172.18.0.2:6443", "the Endpoints written");

        await c.ChangeAsync(Resources.Endpoints, "default", "kubernetes",
            e => e["subsets"]![0]!["addresses"]![0]!["ip"] = "10.9.9.9");
        await c.Client.CreateAsync(Resources.EndpointSlices, new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1", ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes-v6", ["namespace"] = "default",
                ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = "kubernetes" },
            },
            ["addressType"] = "IPv6",
            ["endpoints"] = new JsonArray(new JsonObject { ["addresses"] = new JsonArray("fd00::2") }),
        }, "test");

        await Eventually(() => c.EndpointsColumn("kubernetes") == "172.18.0.2:6443", "the address restored");
        await Eventually(() => c.Slices("kubernetes").Select(s => s["metadata"]!["name"]!.GetValue<string>()).SequenceEqual(["kubernetes"]),
            "only the kubernetes slice");
    }
}
