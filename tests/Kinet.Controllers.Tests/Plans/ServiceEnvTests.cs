// Service link variables as pkg/kubelet/envvars makes them, the multi-port case of its tests.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class ServiceEnvTests
{
    [Fact]
    public void A_multi_port_service_gives_the_docker_link_variables_in_upstream_order()
    {
        var sources = new FakeSources()
            .WithService("shop", "super-ipv4", "9.8.7.6", """[{"name":"u-d-p","port":8081,"protocol":"UDP"},{"name":"t-c-p","port":8081,"protocol":"TCP"}]""");
        var env = ServiceEnv.FromServices(sources.Services("shop"));
        Assert.Equal(
        [
            "SUPER_IPV4_SERVICE_HOST=9.8.7.6",
            "SUPER_IPV4_SERVICE_PORT=8081",
            "SUPER_IPV4_SERVICE_PORT_U_D_P=8081",
            "SUPER_IPV4_SERVICE_PORT_T_C_P=8081",
            "SUPER_IPV4_PORT=udp://9.8.7.6:8081",
            "SUPER_IPV4_PORT_8081_UDP=udp://9.8.7.6:8081",
            "SUPER_IPV4_PORT_8081_UDP_PROTO=udp",
            "SUPER_IPV4_PORT_8081_UDP_PORT=8081",
            "SUPER_IPV4_PORT_8081_UDP_ADDR=9.8.7.6",
            "SUPER_IPV4_PORT_8081_TCP=tcp://9.8.7.6:8081",
            "SUPER_IPV4_PORT_8081_TCP_PROTO=tcp",
            "SUPER_IPV4_PORT_8081_TCP_PORT=8081",
            "SUPER_IPV4_PORT_8081_TCP_ADDR=9.8.7.6",
        ], env.Select(e => e.ToString()));
    }

    [Fact]
    public void An_unnamed_first_port_without_protocol_is_tcp_and_ipv6_hosts_are_bracketed()
    {
        var sources = new FakeSources().WithService("shop", "foo-bar", "2001:db8::1", """[{"port":80}]""");
        Assert.Equal(
        [
            "FOO_BAR_SERVICE_HOST=2001:db8::1",
            "FOO_BAR_SERVICE_PORT=80",
            "FOO_BAR_PORT=tcp://[2001:db8::1]:80",
            "FOO_BAR_PORT_80_TCP=tcp://[2001:db8::1]:80",
            "FOO_BAR_PORT_80_TCP_PROTO=tcp",
            "FOO_BAR_PORT_80_TCP_PORT=80",
            "FOO_BAR_PORT_80_TCP_ADDR=2001:db8::1",
        ], ServiceEnv.FromServices(sources.Services("shop")).Select(e => e.ToString()));
    }

    [Fact]
    public void Headless_and_external_name_services_give_nothing()
    {
        var sources = new FakeSources()
            .WithService("shop", "headless", "None", """[{"port":80}]""")
            .WithService("shop", "external", "", """[{"port":80}]""");
        Assert.Empty(ServiceEnv.FromServices(sources.Services("shop")));
    }

    [Fact]
    public void A_pod_sees_its_namespaces_services_and_the_master_service()
    {
        var sources = new FakeSources().WithKubernetesService()
            .WithService("shop", "cart", "10.96.4.4", """[{"port":8080}]""")
            .WithService("other", "billing", "10.96.5.5", """[{"port":8080}]""");
        var names = ServiceEnv.ForPod("shop", enableServiceLinks: true, sources).Select(e => e.Name).ToList();
        Assert.Contains("CART_SERVICE_HOST", names);
        Assert.Contains("KUBERNETES_SERVICE_HOST", names);
        Assert.Contains("KUBERNETES_PORT_443_TCP_ADDR", names);
        Assert.Contains("KUBERNETES_SERVICE_PORT_HTTPS", names);
        Assert.DoesNotContain("BILLING_SERVICE_HOST", names);
    }

    [Fact]
    public void Without_service_links_only_the_master_service_remains()
    {
        var sources = new FakeSources().WithKubernetesService().WithService("shop", "cart", "10.96.4.4", """[{"port":8080}]""");
        var env = ServiceEnv.ForPod("shop", enableServiceLinks: false, sources);
        Assert.All(env, e => Assert.StartsWith("KUBERNETES_", e.Name));
        Assert.Equal("10.96.0.1", env.Single(e => e.Name == "KUBERNETES_SERVICE_HOST").Value);
        Assert.Equal("tcp://10.96.0.1:443", env.Single(e => e.Name == "KUBERNETES_PORT").Value);
    }

    [Fact]
    public void A_service_named_kubernetes_in_the_pods_namespace_replaces_the_master_one()
    {
        var sources = new FakeSources().WithKubernetesService().WithService("shop", "kubernetes", "10.96.9.9", """[{"port":80}]""");
        var env = ServiceEnv.ForPod("shop", enableServiceLinks: true, sources);
        Assert.Equal("10.96.9.9", Assert.Single(env, e => e.Name == "KUBERNETES_SERVICE_HOST").Value);
    }
}
