// Acceptance (issue 3, Service allocation): ClusterIPs from the service range, NodePorts as requested or allocated, the
// kube-apiserver 422s for taken or out-of-range values, release on delete, and the `kubernetes` Service.
using System.Net;
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class ServiceAllocationTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>
{
    private static string NodePortService(string name, int nodePort) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          type: NodePort
          selector: {"{"}app: my-app{"}"}
          ports:
          - port: 80
            targetPort: 80
            nodePort: {nodePort}
        """;

    [Fact]
    public async Task The_kubernetes_service_has_the_first_service_address_on_443()
    {
        Assert.Equal("10.96.0.1 443 https", await k.Ok("get", "svc", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].port} {.spec.ports[0].name}"));
    }

    [Fact]
    public async Task Services_get_distinct_cluster_ips_from_the_service_range_and_headless_ones_none()
    {
        await k.Ok("create", "service", "clusterip", "alloc-a", "--tcp=80:8080");
        await k.Ok("create", "service", "clusterip", "alloc-b", "--tcp=80:8080");
        await k.Ok("create", "service", "clusterip", "alloc-headless", "--clusterip=None", "--tcp=80:8080");
        var a = await k.Ok("get", "svc", "alloc-a", "-o", "jsonpath={.spec.clusterIP}");
        var b = await k.Ok("get", "svc", "alloc-b", "-o", "jsonpath={.spec.clusterIP}");
        Assert.NotEqual(a, b);
        foreach (var ip in new[] { a, b })
        {
            var bytes = IPAddress.Parse(ip).GetAddressBytes();
            Assert.True(bytes[0] == 10 && bytes[1] >= 96 && bytes[1] <= 111, ip); // 10.96.0.0/12
        }
        Assert.Equal("None", await k.Ok("get", "svc", "alloc-headless", "-o", "jsonpath={.spec.clusterIP}"));
        Assert.Matches(@"alloc-a\s+ClusterIP\s+10\.", await k.Ok("get", "svc", "alloc-a"));
    }

    [Fact]
    public async Task A_requested_node_port_is_allocated_and_a_second_request_for_it_is_refused()
    {
        Assert.Equal("service/np-first created\n", await k.OkIn(NodePortService("np-first", 30080), "apply", "-f", "-"));
        Assert.Equal("30080", await k.Ok("get", "svc", "np-first", "-o", "jsonpath={.spec.ports[0].nodePort}"));
        var err = await k.FailsIn(NodePortService("np-second", 30080), "apply", "-f", "-");
        Assert.Contains("The Service \"np-second\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated", err);
        Assert.Contains("NotFound", await k.Fails("get", "svc", "np-second"));

        // Deleting the first frees the port.
        await k.Ok("delete", "svc", "np-first");
        Assert.Equal("service/np-second created\n", await k.OkIn(NodePortService("np-second", 30080), "apply", "-f", "-"));
    }

    [Fact]
    public async Task A_node_port_service_without_a_port_gets_one_in_range()
    {
        await k.Ok("create", "service", "nodeport", "np-auto", "--tcp=80:8080");
        var port = int.Parse(await k.Ok("get", "svc", "np-auto", "-o", "jsonpath={.spec.ports[0].nodePort}"));
        Assert.InRange(port, 30000, 32767);
    }

    [Fact]
    public async Task A_cluster_ip_outside_the_range_is_refused_with_the_apiserver_message()
    {
        var err = await k.FailsIn("""
            apiVersion: v1
            kind: Service
            metadata: {name: out-of-range}
            spec:
              clusterIP: 10.0.0.1
              ports: [{port: 80}]
            """, "apply", "-f", "-");
        Assert.Contains("failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12", err);
    }
}
