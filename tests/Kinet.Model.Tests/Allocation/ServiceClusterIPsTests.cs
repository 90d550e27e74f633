// ClusterIP assignment for whole Services on create, as kube-apiserver 1.32's allocClusterIPs does it.
using System.Text.Json.Nodes;
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class ServiceClusterIPsTests
{
    private static ServiceIPAllocator Range() => new(Cidr.Parse("10.96.0.0/12"), seed: 1);

    private static JsonObject Service(string spec) => JsonNode.Parse("{\"spec\":" + spec + "}")!.AsObject();

    [Fact]
    public void A_service_without_a_request_gets_an_address_in_both_fields()
    {
        var range = Range();
        var svc = Service("{\"type\":\"ClusterIP\"}");
        Assert.Null(ServiceClusterIPs.AllocateForCreate(svc, range));
        var ip = (string)svc["spec"]!["clusterIP"]!;
        Assert.Equal(ip, (string?)svc["spec"]!["clusterIPs"]![0]);
        Assert.True(range.Has(IP.Parse(ip)));
        Assert.Equal([IP.Parse(ip)], ServiceClusterIPs.Held(svc, range));
    }

    [Theory]
    [InlineData("{\"clusterIP\":\"None\",\"clusterIPs\":[\"None\"]}")]
    [InlineData("{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}")]
    public void Headless_and_external_name_services_take_nothing(string spec)
    {
        var range = Range();
        Assert.Null(ServiceClusterIPs.AllocateForCreate(Service(spec), range));
        Assert.Equal(0, range.Used);
    }

    [Fact]
    public void An_out_of_range_request_is_the_422_kube_apiserver_1_32_returns()
    {
        var error = ServiceClusterIPs.AllocateForCreate(Service("{\"clusterIP\":\"10.0.0.1\",\"clusterIPs\":[\"10.0.0.1\"]}"), Range());
        Assert.NotNull(error);
        Assert.False(error.Internal);
        Assert.Equal("spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) " +
                     "is not in the valid range. The range of valid IPs is 10.96.0.0/12", $"{error.Field}: Invalid value: {error.BadValue}: {error.Detail}");
    }

    [Fact]
    public void A_taken_request_is_refused_and_a_free_one_is_kept_as_written()
    {
        var range = Range();
        var dns = Service("{\"clusterIP\":\"10.96.0.10\"}");
        Assert.Null(ServiceClusterIPs.AllocateForCreate(dns, range));
        Assert.Equal("10.96.0.10", (string?)dns["spec"]!["clusterIPs"]![0]);
        var error = ServiceClusterIPs.AllocateForCreate(Service("{\"clusterIP\":\"10.96.0.10\"}"), range);
        Assert.Equal("failed to allocate IP 10.96.0.10: provided IP is already allocated", error!.Detail);
    }

    [Fact]
    public void An_address_of_the_other_family_is_not_configured_on_this_cluster()
    {
        var error = ServiceClusterIPs.AllocateForCreate(Service("{\"clusterIPs\":[\"fd00::10\"]}"), Range());
        Assert.Equal("spec.clusterIPs[0]: Invalid value: []string{\"fd00::10\"}: IPv6 is not configured on this cluster",
            $"{error!.Field}: Invalid value: {error.BadValue}: {error.Detail}");
    }
}
