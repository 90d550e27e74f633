// Corefile parsing: kubeadm's Corefile, the kubernetes and forward plugins' options, and CoreDNS-like errors with the
// line number.
using System.Net;
using Kinet.Model.Dns;

namespace Kinet.Model.Tests.Dns;

public class CorefileTests
{
    [Fact]
    public void The_default_Corefile_is_kubeadms_with_a_5_second_TTL()
    {
        var text = Corefile.Default();
        Assert.Contains("kubernetes cluster.local in-addr.arpa ip6.arpa {", text);
        Assert.Contains("forward . /etc/resolv.conf {", text);
        var config = Corefile.Parse(text);
        Assert.Equal(["cluster.local.", "in-addr.arpa.", "ip6.arpa."], config.Zones);
        Assert.Equal(5u, config.Ttl);
        Assert.Equal(PodsMode.Insecure, config.Pods);
        Assert.Equal(["in-addr.arpa.", "ip6.arpa."], config.Fallthrough);
        Assert.Empty(config.Forward);
        Assert.Equal(["/etc/resolv.conf"], config.ForwardFiles);
        Assert.Equal(".", config.ForwardFrom);
        Assert.Equal(53, config.Port);
        Assert.Equal("cluster.local.", config.ClusterDomain);
    }

    [Fact]
    public void Another_cluster_domain_is_written_into_the_default() =>
        Assert.Equal("kinet.test.", Corefile.Parse(Corefile.Default("kinet.test")).ClusterDomain);

    [Fact]
    public void Kubeadms_own_Corefile_with_ttl_30_parses()
    {
        var config = Corefile.Parse(Corefile.Default().Replace("ttl 5", "ttl 30"));
        Assert.Equal(30u, config.Ttl);
    }

    [Fact]
    public void A_forward_to_addresses_gives_the_endpoints_with_port_53_by_default()
    {
        var config = Corefile.Parse("""
            .:1053 {
                # upstreams
                kubernetes cluster.local {
                    pods verified
                    ttl 0
                    fallthrough
                }
                forward . 127.0.0.1:5300 8.8.8.8 dns://[::1]:5353 "::2"
            }
            """);
        Assert.Equal(1053, config.Port);
        Assert.Equal(["cluster.local."], config.Zones);
        Assert.Equal(PodsMode.Verified, config.Pods);
        Assert.Equal(0u, config.Ttl);
        Assert.Equal(["."], config.Fallthrough);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:5300"), IPEndPoint.Parse("8.8.8.8:53"), IPEndPoint.Parse("[::1]:5353"), IPEndPoint.Parse("[::2]:53")],
            config.Forward);
        Assert.Empty(config.ForwardFiles);
    }

    [Fact]
    public void Without_options_the_kubernetes_plugin_has_CoreDNSs_defaults_and_no_forward_means_none()
    {
        var config = Corefile.Parse(".:53 {\n kubernetes CLUSTER.local.\n}\n");
        Assert.Equal(["cluster.local."], config.Zones);
        Assert.Equal((5u, PodsMode.Disabled), (config.Ttl, config.Pods));
        Assert.Empty(config.Fallthrough);
        Assert.Empty(config.Forward);
    }

    [Fact]
    public void Without_zone_arguments_the_kubernetes_plugin_serves_the_server_blocks_zones() =>
        Assert.Equal(["cluster.local."], Corefile.Parse("cluster.local:53 {\n kubernetes\n}").Zones);

    [Fact]
    public void Without_the_kubernetes_plugin_no_zone_is_served() =>
        Assert.Empty(Corefile.Parse(".:53 {\n forward . 127.0.0.1\n}").Zones);

    [Theory]
    [InlineData("ttl 4000", "Corefile:10 - Error during parsing: ttl must be in range [0, 3600]: 4000")]
    [InlineData("ttl -1", "Corefile:10 - Error during parsing: ttl must be in range [0, 3600]: -1")]
    [InlineData("ttl abc", "Corefile:10 - Error during parsing: ttl must be an integer: 'abc'")]
    [InlineData("ttl", "Corefile:10 - Error during parsing: Wrong argument count or unexpected line ending after 'ttl'")]
    [InlineData("pods sometimes", "Corefile:10 - Error during parsing: wrong value for pods: sometimes,  must be one of: disabled, verified, insecure")]
    [InlineData("pods", "Corefile:10 - Error during parsing: Wrong argument count or unexpected line ending after 'pods'")]
    [InlineData("frobnicate", "Corefile:10 - Error during parsing: unknown property 'frobnicate'")]
    [InlineData("namespaces a b", "Corefile:10 - Error during parsing: kubernetes option 'namespaces' is not supported by Kinet")]
    public void Invalid_kubernetes_options_are_reported_with_their_line(string option, string message)
    {
        var text = Corefile.Default().Replace("ttl 5", option);
        Assert.Equal(message, Assert.Throws<CorefileException>(() => Corefile.Parse(text)).Message);
    }

    [Theory]
    [InlineData(".:53 {\n    frobnicate\n}", "Corefile:2 - Error during parsing: Unknown directive 'frobnicate'")]
    [InlineData(".:53 {\n    rewrite name a b\n}", "Corefile:2 - Error during parsing: plugin 'rewrite' is not supported by Kinet")]
    [InlineData(".:53 {\n  forward .\n}", "Corefile:2 - Error during parsing: Wrong argument count or unexpected line ending after 'forward'")]
    [InlineData(".:53 {\n  forward . resolv.conf\n}", "Corefile:2 - Error during parsing: not an IP address or file: \"resolv.conf\"")]
    [InlineData(".:53 {\n  forward . tls://1.1.1.1\n}", "Corefile:2 - Error during parsing: Kinet forwards over plain DNS only: 'tls://1.1.1.1'")]
    [InlineData(".:53 {\n  forward . 1.1.1.1\n  forward . 1.1.1.1\n}", "Corefile:3 - Error during parsing: plugin/forward: this plugin can only be used once per Server Block")]
    [InlineData(".:53 {\n  kubernetes in-addr.arpa\n}", "Corefile:2 - Error during parsing: non-reverse zone name must be used")]
    [InlineData(".:53 {\n  errors\n", "Corefile:2 - Error during parsing: Unexpected EOF: '{' on line 1 is not closed")]
    [InlineData(".:53\n  errors\n", "Corefile:2 - Error during parsing: Unexpected EOF: expected '{' after the server block keys")]
    [InlineData("}", "Corefile:1 - Error during parsing: Unexpected '}' because no matching opening brace")]
    [InlineData("", "Corefile:1 - Error during parsing: no server block")]
    [InlineData("# only a comment\n", "Corefile:1 - Error during parsing: no server block")]
    [InlineData(".:53 {\n}\nexample.org:53 {\n}", "Corefile:3 - Error during parsing: Kinet serves one server block; found another: 'example.org:53'")]
    [InlineData(".:99999 {\n}", "Corefile:1 - Error during parsing: invalid port in server block key '.:99999'")]
    [InlineData(".:53 {\n  log \"unterminated\n}", "Corefile:2 - Error during parsing: unterminated quoted string")]
    public void Invalid_Corefiles_are_reported_with_their_line(string text, string message) =>
        Assert.Equal(message, Assert.Throws<CorefileException>(() => Corefile.Parse(text)).Message);
}
