// EndpointSlices merged into the proxy's endpoints of each Service port (kube-proxy's EndpointSliceCache).
using System.Text.Json.Nodes;
using Kinet.Model.Services;

namespace Kinet.Model.Tests.Services;

public class EndpointSliceProxyInfoTests
{
    private static JsonObject Slice(string name, string ports, string endpoints, string addressType = "IPv4", string service = "svc1") =>
        JsonNode.Parse($$$"""
            {"metadata":{"namespace":"ns1","name":"{{{name}}}","labels":{"kubernetes.io/service-name":"{{{service}}}"}},
             "addressType":"{{{addressType}}}","ports":{{{ports}}},"endpoints":{{{endpoints}}}}
            """)!.AsObject();

    private const string Http = """[{"name":"http","port":8080,"protocol":"TCP"}]""";

    private static IReadOnlyList<EndpointInfo> Only(Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> map) => Assert.Single(map).Value;

    [Fact]
    public void A_slice_names_its_service_by_label()
    {
        Assert.Equal(("ns1", "svc1"), EndpointSliceProxyInfo.ServiceOf(Slice("a", Http, "[]")));
        var unlabelled = JsonNode.Parse("""{"metadata":{"namespace":"ns1","name":"x"}}""")!.AsObject();
        Assert.Null(EndpointSliceProxyInfo.ServiceOf(unlabelled));
    }

    [Fact]
    public void Endpoints_merge_over_slices_deduplicated_and_sorted_by_ip_port()
    {
        var map = EndpointSliceProxyInfo.Merge("ns1", "svc1", [
            Slice("b", Http, """[{"addresses":["10.244.2.7"],"nodeName":"n2"},{"addresses":["10.244.1.5"],"nodeName":"n1"}]"""),
            Slice("a", Http, """[{"addresses":["10.244.1.5"],"nodeName":"n1"},{"addresses":["10.244.10.1"],"nodeName":"n1"}]"""),
        ], node: "n1");
        var (key, eps) = Assert.Single(map);
        Assert.Equal(new ServicePortName("ns1", "svc1", "http", ServiceProtocol.Tcp), key);
        Assert.Equal(["10.244.1.5:8080", "10.244.10.1:8080", "10.244.2.7:8080"], eps.Select(e => e.Key));
        Assert.Equal([true, true, false], eps.Select(e => e.IsLocal));
    }

    [Theory]
    // conditions JSON, ready, serving, terminating
    [InlineData("{}", true, true, false)]
    [InlineData("""{"ready":false}""", false, true, false)]
    [InlineData("""{"ready":false,"serving":true,"terminating":true}""", false, true, true)]
    [InlineData("""{"ready":false,"serving":false,"terminating":true}""", false, false, true)]
    public void Missing_conditions_take_upstreams_defaults(string conditions, bool ready, bool serving, bool terminating)
    {
        var e = Assert.Single(Only(EndpointSliceProxyInfo.Merge("ns1", "svc1",
            [Slice("a", Http, $$"""[{"addresses":["10.244.1.5"],"conditions":{{conditions}}}]""")], "n1")));
        Assert.Equal((ready, serving, terminating), (e.Ready, e.Serving, e.Terminating));
        Assert.False(e.IsLocal);
    }

    [Fact]
    public void Ports_are_matched_by_name_and_protocol()
    {
        var map = EndpointSliceProxyInfo.Merge("ns1", "svc1", [
            Slice("a", """[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"},{"name":"","port":9,"protocol":"UDP"}]""",
                """[{"addresses":["10.244.1.5"]}]"""),
        ], "n1");
        Assert.Equal(
            ["ns1/svc1 UDP 9", "ns1/svc1:dns UDP 53", "ns1/svc1:dns-tcp TCP 53"],
            map.Select(kv => $"{kv.Key} {kv.Key.ProtocolName} {kv.Value[0].Port}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""[{"port":80,"protocol":"TCP"}]""")] // nil name
    [InlineData("""[{"name":"http","protocol":"TCP"}]""")] // nil port
    [InlineData("""[{"name":"http","port":0,"protocol":"TCP"}]""")]
    public void Ports_without_a_name_or_number_are_ignored(string ports) =>
        Assert.Empty(EndpointSliceProxyInfo.Merge("ns1", "svc1", [Slice("a", ports, """[{"addresses":["10.244.1.5"]}]""")], "n1"));

    [Theory]
    [InlineData("FQDN", """[{"addresses":["example.com"]}]""")]
    [InlineData("IPv4", """[{"addresses":["fd00::5"]}]""")]
    [InlineData("IPv4", """[{"addresses":[]}]""")]
    public void Other_families_fqdn_and_empty_endpoints_are_ignored(string addressType, string endpoints) =>
        Assert.Empty(EndpointSliceProxyInfo.Merge("ns1", "svc1", [Slice("a", Http, endpoints, addressType)], "n1"));

    [Fact]
    public void Only_the_first_address_of_an_endpoint_counts() =>
        Assert.Equal(["10.244.1.5:8080"], Only(EndpointSliceProxyInfo.Merge("ns1", "svc1",
            [Slice("a", Http, """[{"addresses":["10.244.1.5","10.244.1.6"]}]""")], "n1")).Select(e => e.Key));

    [Fact]
    public void A_duplicate_endpoint_prefers_the_local_copy()
    {
        var e = Assert.Single(Only(EndpointSliceProxyInfo.Merge("ns1", "svc1", [
            Slice("a", Http, """[{"addresses":["10.244.1.5"],"nodeName":"n2"}]"""),
            Slice("b", Http, """[{"addresses":["10.244.1.5"],"nodeName":"n1"}]"""),
        ], "n1")));
        Assert.True(e.IsLocal);
    }
}
