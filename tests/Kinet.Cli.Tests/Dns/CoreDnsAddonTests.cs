// The CoreDNS addon on a simulated cluster, with the real kubectl: kubeadm's objects at `kinet up`, the kube-dns
// Service at the cluster DNS address, a deleted object back at the next daemon start, an edited one left alone; and
// `kinet dns query` answering from the running cluster's objects.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Dns;

public class CoreDnsAddonTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    private Task<string> Ok(params string[] args) => cluster.KubectlOk(args);

    private async Task<string> Query(params string[] args)
    {
        var r = await cluster.Kinet(["dns", "query", "--name", cluster.Name, .. args]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout;
    }

    [Fact]
    public async Task Kinet_up_installs_kubeadms_coredns_objects_in_kube_system()
    {
        Assert.Equal("10.96.0.10 dns:53/UDP dns-tcp:53/TCP metrics:9153/TCP kube-dns true CoreDNS", await Ok("get", "svc", "kube-dns", "-n", "kube-system", "-o",
            """jsonpath={.spec.clusterIP} {range .spec.ports[*]}{.name}:{.port}/{.protocol} {end}{.metadata.labels.k8s-app} {.metadata.labels.kubernetes\.io/cluster-service} {.metadata.labels.kubernetes\.io/name}"""));
        Assert.Matches(@"kube-dns\s+ClusterIP\s+10\.96\.0\.10\s+<none>\s+53/UDP,53/TCP,9153/TCP", await Ok("get", "svc", "-n", "kube-system", "kube-dns"));
        Assert.Equal("coredns", await Ok("get", "serviceaccount", "coredns", "-n", "kube-system", "-o", "jsonpath={.metadata.name}"));
        Assert.Contains("kubernetes cluster.local in-addr.arpa ip6.arpa", await Ok("get", "configmap", "coredns", "-n", "kube-system", "-o", "jsonpath={.data.Corefile}"));
        Assert.Equal("2 registry.k8s.io/coredns/coredns:v1.11.3 -conf /etc/coredns/Corefile Default system-cluster-critical coredns",
            await Ok("get", "deploy", "coredns", "-n", "kube-system", "-o",
                "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].args[*]} {.spec.template.spec.dnsPolicy} {.spec.template.spec.priorityClassName} {.spec.template.spec.serviceAccountName}"));
        await Ok("wait", "-n", "kube-system", "--for=condition=Ready", "pod", "-l", "k8s-app=kube-dns", "--timeout=60s");
        var pods = await Ok("get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-dns", "--no-headers");
        Assert.Equal(2, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^coredns-\S+\s+1/1\s+Running\s")));
    }

    [Fact]
    public async Task A_deleted_addon_object_comes_back_at_the_next_daemon_start_and_an_edited_one_is_kept()
    {
        await Ok("get", "configmap", "coredns", "-n", "kube-system");
        await Ok("delete", "serviceaccount", "coredns", "-n", "kube-system");
        await Ok("label", "configmap", "coredns", "-n", "kube-system", "edited=yes");
        await cluster.KillDaemon();
        await cluster.Up();
        await Ok("get", "serviceaccount", "coredns", "-n", "kube-system");
        Assert.Equal("yes", await Ok("get", "configmap", "coredns", "-n", "kube-system", "-o", "jsonpath={.metadata.labels.edited}"));
    }

    [Fact]
    public async Task Dns_query_answers_from_the_running_clusters_objects()
    {
        await Ok("create", "namespace", "q");
        await Ok("create", "service", "clusterip", "my-svc", "-n", "q", "--tcp=80:8080");
        var ip = (await Ok("get", "svc", "my-svc", "-n", "q", "-o", "jsonpath={.spec.clusterIP}")).Trim();

        var a = await Query("my-svc", "--from-namespace", "q");
        Assert.Contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR", a);
        Assert.Matches($@"\nmy-svc\.q\.svc\.cluster\.local\.\t\d+\tIN\tA\t{System.Text.RegularExpressions.Regex.Escape(ip)}\n", a);

        var srv = await Query("_80-8080._tcp.my-svc.q.svc.cluster.local", "SRV");
        Assert.Contains("status: NOERROR", srv);

        var ptr = await Query("10.96.0.10");
        Assert.Matches(@"\n10\.0\.96\.10\.in-addr\.arpa\.\t\d+\tIN\tPTR\tkube-dns\.kube-system\.svc\.cluster\.local\.\n", ptr);

        var nx = await Query("nope.q.svc.cluster.local");
        Assert.Contains("status: NXDOMAIN", nx);
        Assert.Contains(";; AUTHORITY SECTION:\ncluster.local.\t", nx);

        var bad = await cluster.Kinet("dns", "query", "--name", cluster.Name, "my-svc", "MX");
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("ERROR: unknown DNS type \"MX\"", bad.Stderr);
        Assert.Single(bad.Stderr.Trim().Split((char)10));
    }
}
