// nodePort assignment for whole Services on create and update, as kube-apiserver 1.32's alloc.go does it.
using System.Text.Json.Nodes;
using Kinet.Model.Allocation;

namespace Kinet.Model.Tests.Allocation;

public class ServiceNodePortsTests
{
    private static JsonObject Service(string type, string ports, string extra = "") =>
        JsonNode.Parse("{\"spec\":{\"type\":\"" + type + "\",\"ports\":" + ports + extra + "}}")!.AsObject();

    private static int[] NodePorts(JsonObject svc) =>
        [.. svc["spec"]!["ports"]!.AsArray().Select(p => (int?)p!["nodePort"] ?? 0)];

    [Fact]
    public void A_requested_node_port_is_kept_and_a_second_service_asking_for_it_gets_the_422()
    {
        var ports = new NodePortAllocator(seed: 1);
        var first = Service("NodePort", """[{"port":80,"nodePort":30080}]""");
        Assert.Null(ServiceNodePorts.AllocateForCreate(first, ports));
        Assert.Equal([30080], NodePorts(first));

        var second = Service("NodePort", """[{"port":80,"nodePort":30080}]""");
        var error = ServiceNodePorts.AllocateForCreate(second, ports);
        Assert.Equal(new ServiceAllocationError("spec.ports[0].nodePort", 30080, "provided port is already allocated"), error);
    }

    [Fact]
    public void Ports_with_the_same_number_share_one_node_port_and_others_get_their_own()
    {
        var ports = new NodePortAllocator(seed: 1);
        var svc = Service("NodePort", """[{"port":53,"protocol":"UDP"},{"port":53,"protocol":"TCP","nodePort":30053},{"port":80}]""");
        Assert.Null(ServiceNodePorts.AllocateForCreate(svc, ports));
        var got = NodePorts(svc);
        Assert.Equal(30053, got[0]);
        Assert.Equal(30053, got[1]);
        Assert.NotEqual(30053, got[2]);
        Assert.Equal(2, ports.Used);
    }

    [Fact]
    public void A_failure_on_a_later_port_gives_back_the_earlier_ones()
    {
        var ports = new NodePortAllocator(seed: 1);
        ports.Allocate(30090);
        var svc = Service("NodePort", """[{"port":80},{"port":81,"nodePort":30090}]""");
        var error = ServiceNodePorts.AllocateForCreate(svc, ports);
        Assert.Equal("spec.ports[1].nodePort", error!.Field);
        Assert.Equal(1, ports.Used);
    }

    [Theory]
    [InlineData("ClusterIP", "", 0)]
    [InlineData("LoadBalancer", "", 1)]
    [InlineData("LoadBalancer", ",\"allocateLoadBalancerNodePorts\":false", 0)]
    [InlineData("LoadBalancer", ",\"externalTrafficPolicy\":\"Local\"", 2)]
    public void Only_services_that_need_node_ports_take_them(string type, string extra, int used)
    {
        var ports = new NodePortAllocator(seed: 1);
        var svc = Service(type, """[{"port":80}]""", extra);
        Assert.Null(ServiceNodePorts.AllocateForCreate(svc, ports));
        Assert.Equal(used, ports.Used);
        Assert.Equal(used, ServiceNodePorts.Held(svc).Count);
    }

    [Fact]
    public void An_update_keeps_held_ports_takes_new_ones_and_releases_dropped_ones()
    {
        var ports = new NodePortAllocator(seed: 1);
        var before = Service("NodePort", """[{"port":80,"nodePort":30080},{"port":81,"nodePort":30081}]""");
        ServiceNodePorts.AllocateForCreate(before, ports);
        var after = Service("NodePort", """[{"port":80,"nodePort":30080},{"port":82,"nodePort":30082}]""");
        Assert.Null(ServiceNodePorts.AllocateForUpdate(after, before, ports));
        Assert.Equal([30080, 30082], ports.Allocated());
    }

    [Fact]
    public void Changing_to_cluster_ip_releases_every_node_port()
    {
        var ports = new NodePortAllocator(seed: 1);
        var before = Service("NodePort", """[{"port":80,"nodePort":30080}]""");
        ServiceNodePorts.AllocateForCreate(before, ports);
        var after = Service("ClusterIP", """[{"port":80,"nodePort":30080}]""");
        Assert.Null(ServiceNodePorts.AllocateForUpdate(after, before, ports));
        Assert.Equal(0, ports.Used);
        Assert.Equal([0], NodePorts(after));
    }

    [Fact]
    public void A_failed_update_keeps_the_old_ports_and_takes_nothing()
    {
        var ports = new NodePortAllocator(seed: 1);
        ports.Allocate(30099);
        var before = Service("NodePort", """[{"port":80,"nodePort":30080}]""");
        ServiceNodePorts.AllocateForCreate(before, ports);
        var after = Service("NodePort", """[{"port":80},{"port":81,"nodePort":30099}]""");
        var error = ServiceNodePorts.AllocateForUpdate(after, before, ports);
        Assert.Equal("spec.ports[1].nodePort: provided port is already allocated", $"{error!.Field}: {error.Detail}");
        Assert.Equal([30080, 30099], ports.Allocated());
    }
}
