// /etc/hosts and the hostname as the kubelet derives them (golden texts).
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class HostsFileTests
{
    private const string Head = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";

    [Fact]
    public void A_plain_pod_gets_its_ip_with_its_name()
    {
        var pod = Fixtures.Pod();
        Assert.Equal(Head + "10.244.1.5\tweb-0\n", HostsFile.Render(pod, PodHostname.For(pod, Fixtures.Settings), Fixtures.Settings));
    }

    [Fact]
    public void Hostname_and_subdomain_give_the_fqdn_first_then_the_short_name_for_every_pod_ip()
    {
        var pod = Fixtures.Pod("""{"hostname":"db-1","subdomain":"db"}""");
        var settings = Fixtures.Settings with { PodIPs = ["10.244.1.5", "fd00:10:244:1::5"] };
        Assert.Equal(Head + "10.244.1.5\tdb-1.db.shop.svc.cluster.local\tdb-1\nfd00:10:244:1::5\tdb-1.db.shop.svc.cluster.local\tdb-1\n",
            HostsFile.Render(pod, PodHostname.For(pod, settings), settings));
    }

    [Fact]
    public void Host_aliases_follow_in_their_own_section()
    {
        var pod = Fixtures.Pod("""{"hostAliases":[{"ip":"127.0.0.1","hostnames":["foo.local","bar.local"]},{"ip":"10.1.2.3","hostnames":["foo.remote"]}]}""");
        Assert.Equal(Head + "10.244.1.5\tweb-0\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\n",
            HostsFile.Render(pod, PodHostname.For(pod, Fixtures.Settings), Fixtures.Settings));
    }

    [Fact]
    public void Host_network_pods_get_the_nodes_file_under_its_own_header()
    {
        var pod = Fixtures.Pod("""{"hostNetwork":true,"hostAliases":[{"ip":"10.1.2.3","hostnames":["foo"]}]}""");
        var settings = Fixtures.Settings with { NodeHostsFile = "127.0.0.1\tlocalhost\n172.18.0.3\tkinet-worker\n" };
        Assert.Equal("# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n172.18.0.3\tkinet-worker\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo\n",
            HostsFile.Render(pod, PodHostname.For(pod, settings), settings));
    }

    public static TheoryData<string, string, string, string?> Names => new()
    {
        { "{}", "web-0", "web-0", null },
        { """{"hostname":"api"}""", "api", "api", null },
        { """{"subdomain":"web"}""", "web-0", "web-0", "web-0.web.shop.svc.cluster.local" },
        { """{"hostname":"api","subdomain":"web","setHostnameAsFQDN":true}""", "api", "api.web.shop.svc.cluster.local", "api.web.shop.svc.cluster.local" },
        { """{"hostNetwork":true,"hostname":"api"}""", "kinet-worker", "kinet-worker", null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void The_hostname_is_the_pod_name_or_spec_hostname_with_the_subdomains_fqdn(string spec, string hostname, string kernel, string? fqdn)
    {
        var name = PodHostname.For(Fixtures.Pod(spec), Fixtures.Settings);
        Assert.Equal((hostname, kernel, fqdn), (name.Hostname, name.KernelHostname, name.Fqdn));
    }

    [Fact]
    public void A_pod_name_over_63_characters_is_cut_without_a_trailing_dash()
    {
        var longName = new string('a', 62) + "-bcd";
        Assert.Equal(new string('a', 62), PodHostname.For(Fixtures.Pod(name: longName), Fixtures.Settings).Hostname);
    }

    [Fact]
    public void An_fqdn_over_64_characters_cannot_be_the_kernel_hostname()
    {
        var pod = Fixtures.Pod($$$"""{"hostname":"{{{new string('h', 40)}}}","subdomain":"web","setHostnameAsFQDN":true}""");
        var e = Assert.Throws<PodPlanException>(() => PodHostname.For(pod, Fixtures.Settings));
        Assert.Equal("FailedCreatePodSandBox", e.Reason);
        Assert.EndsWith("FQDN " + new string('h', 40) + ".web.shop.svc.cluster.local is too long (64 characters is the max, 67 characters requested)", e.Message);
    }
}
