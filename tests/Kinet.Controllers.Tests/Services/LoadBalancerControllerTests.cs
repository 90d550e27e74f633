// The LoadBalancer controller: pool addresses into status, never one address twice, back to the pool when the Service
// goes or stops being a LoadBalancer.
using System.Text.Json.Nodes;
using Kinet.Controllers.Services;
using Kinet.Controllers.Tests.Support;
using Kinet.Model.Networking;

namespace Kinet.Controllers.Tests.Services;

public class LoadBalancerControllerTests
{
    private static JsonObject Svc(string name, string type = "LoadBalancer") => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject { ["type"] = type, ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) },
    };

    private static string? Ingress(StoreObjectClient c, string name) =>
        c.Get(LoadBalancerController.Services, "default", name)?["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"]?.GetValue<string>();

    [Fact]
    public async Task Load_balancers_get_distinct_pool_addresses_and_give_them_back()
    {
        await using var client = new StoreObjectClient();
        var controller = new LoadBalancerController(client, IPRange.Parse("172.18.255.200-172.18.255.201"));
        await client.CreateAsync(LoadBalancerController.Services, Svc("a"), "test");
        await client.CreateAsync(LoadBalancerController.Services, Svc("b"), "test");
        await client.CreateAsync(LoadBalancerController.Services, Svc("c"), "test");
        await client.CreateAsync(LoadBalancerController.Services, Svc("plain", "ClusterIP"), "test");
        foreach (var n in new[] { "a", "b", "c", "plain" }) await controller.ReconcileAsync("default/" + n, CancellationToken.None);

        Assert.Equal("172.18.255.200", Ingress(client, "a"));
        Assert.Equal("172.18.255.201", Ingress(client, "b"));
        Assert.Null(Ingress(client, "c"));     // pool exhausted: <pending>
        Assert.Null(Ingress(client, "plain"));

        await client.DeleteAsync(LoadBalancerController.Services, "default", "a");
        await controller.ReconcileAsync("default/a", CancellationToken.None);
        await controller.ReconcileAsync("default/c", CancellationToken.None);
        Assert.Equal("172.18.255.200", Ingress(client, "c"));

        var b = client.Get(LoadBalancerController.Services, "default", "b")!;
        b["spec"]!["type"] = "ClusterIP";
        await client.UpdateAsync(LoadBalancerController.Services, b, "test");
        await controller.ReconcileAsync("default/b", CancellationToken.None);
        Assert.Null(Ingress(client, "b"));
    }

    [Fact]
    public async Task A_restarted_controller_keeps_the_addresses_already_handed_out()
    {
        await using var client = new StoreObjectClient();
        var first = new LoadBalancerController(client, IPRange.Parse("172.18.255.200-172.18.255.201"));
        await client.CreateAsync(LoadBalancerController.Services, Svc("a"), "test");
        await first.ReconcileAsync("default/a", CancellationToken.None);

        var second = new LoadBalancerController(client, IPRange.Parse("172.18.255.200-172.18.255.201"));
        second.Rebuild(client.List(LoadBalancerController.Services).Items);
        await client.CreateAsync(LoadBalancerController.Services, Svc("b"), "test");
        await second.ReconcileAsync("default/a", CancellationToken.None);
        await second.ReconcileAsync("default/b", CancellationToken.None);
        Assert.Equal("172.18.255.200", Ingress(client, "a"));
        Assert.Equal("172.18.255.201", Ingress(client, "b"));
    }
}
