// Service allocations across a restart and a failed write: what stored Services hold is never handed out again, and an
// undone allocation is free again.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Registry;
using Kinet.Model.Networking;

namespace Kinet.Api.Tests.Registry;

public class ServiceAllocationsTests
{
    private static JsonObject NodePortService(string name, int? nodePort = null, string? clusterIP = null)
    {
        var port = new JsonObject { ["port"] = 80, ["protocol"] = "TCP" };
        if (nodePort is int p) port["nodePort"] = p;
        var spec = new JsonObject { ["type"] = "NodePort", ["ports"] = new JsonArray(port) };
        if (clusterIP is not null) spec["clusterIP"] = clusterIP;
        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    [Fact]
    public void After_a_rebuild_the_stored_services_addresses_and_ports_are_taken()
    {
        var before = new ServiceAllocations(Cidr.Parse("10.96.0.0/12"));
        var stored = NodePortService("a", 30080);
        before.AllocateForCreate(stored);
        var ip = stored["spec"]!["clusterIP"]!.GetValue<string>();

        var after = new ServiceAllocations(Cidr.Parse("10.96.0.0/12")); // a restarted daemon
        after.Rebuild([stored]);
        var port = Assert.Throws<ApiException>(() => after.AllocateForCreate(NodePortService("b", 30080)));
        Assert.Contains("provided port is already allocated", port.Message);
        var address = Assert.Throws<ApiException>(() => after.AllocateForCreate(NodePortService("c", 30081, ip)));
        Assert.Contains("provided IP is already allocated", address.Message);
        // The failed create of c gave back the port it had not yet taken: 30081 is still free.
        after.AllocateForCreate(NodePortService("d", 30081));
    }

    [Fact]
    public void Undoing_a_create_frees_what_it_took()
    {
        var allocations = new ServiceAllocations(Cidr.Parse("10.96.0.0/12"));
        var undo = allocations.AllocateForCreate(NodePortService("a", 30080, "10.96.0.50"));
        undo();
        allocations.AllocateForCreate(NodePortService("b", 30080, "10.96.0.50"));
    }

    [Fact]
    public void Changing_to_cluster_ip_releases_the_node_port()
    {
        var allocations = new ServiceAllocations(Cidr.Parse("10.96.0.0/12"));
        var before = NodePortService("a", 30080);
        allocations.AllocateForCreate(before);
        var after = before.DeepClone().AsObject();
        after["spec"]!["type"] = "ClusterIP";
        allocations.AllocateForUpdate(after, before);
        Assert.Null(after["spec"]!["ports"]![0]!["nodePort"]);
        allocations.AllocateForCreate(NodePortService("b", 30080));
    }
}
