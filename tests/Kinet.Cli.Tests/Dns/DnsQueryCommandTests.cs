// `kinet dns query -f`: answers from manifests with no cluster (CI) — the files' coredns ConfigMap sets the TTL — and
// its one-line errors.
using Kinet.Cli.Tests.Commands;

namespace Kinet.Cli.Tests.Dns;

public class DnsQueryCommandTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: Service
        metadata:
          name: nginx-service
          namespace: web
        spec:
          clusterIP: 10.96.12.34
          ports:
          - name: http
            port: 80
            protocol: TCP
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db
          namespace: web
        spec:
          clusterIP: None
          ports:
          - name: pg
            port: 5432
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: db-1
          namespace: web
          labels:
            kubernetes.io/service-name: db
        addressType: IPv4
        ports:
        - name: pg
          port: 5432
          protocol: TCP
        endpoints:
        - addresses: ["10.244.1.5"]
          conditions: {ready: true}
        - addresses: ["10.244.2.6"]
          conditions: {ready: false}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: coredns
          namespace: kube-system
        data:
          Corefile: |
            .:53 {
                errors
                kubernetes cluster.local in-addr.arpa ip6.arpa {
                   pods insecure
                   ttl 5
                }
            }
        """;

    [Fact]
    public async Task A_name_from_a_namespace_resolves_through_the_search_list_as_a_pod_would()
    {
        using var run = new CliRun();
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("app.yaml"), Manifests);
        var (code, stdout, stderr) = await run.RunAsync("dns", "query", "nginx-service", "--from-namespace", "web", "-f", dir.Path);
        Assert.True(code == 0, stderr);
        Assert.Equal("""
            ;; ->>HEADER<<- opcode: QUERY, status: NOERROR
            ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0

            ;; QUESTION SECTION:
            ;nginx-service.web.svc.cluster.local.	IN	A

            ;; ANSWER SECTION:
            nginx-service.web.svc.cluster.local.	5	IN	A	10.96.12.34

            """, stdout);
    }

    [Fact]
    public async Task A_headless_service_answers_its_ready_endpoints_only()
    {
        using var run = new CliRun();
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("app.yaml"), Manifests);
        var (code, stdout, _) = await run.RunAsync("dns", "query", "db.web.svc.cluster.local", "-f", dir.Combine("app.yaml"));
        Assert.Equal(0, code);
        Assert.Contains("db.web.svc.cluster.local.\t5\tIN\tA\t10.244.1.5\n", stdout);
        Assert.DoesNotContain("10.244.2.6", stdout);
    }

    [Fact]
    public async Task A_missing_name_is_NXDOMAIN_with_the_zone_SOA_and_exits_0_as_dig()
    {
        using var run = new CliRun();
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("app.yaml"), Manifests);
        var (code, stdout, _) = await run.RunAsync("dns", "query", "nope.web.svc.cluster.local", "-f", dir.Path);
        Assert.Equal(0, code);
        Assert.Contains("status: NXDOMAIN", stdout);
        Assert.Matches(@";; AUTHORITY SECTION:\ncluster\.local\.\t5\tIN\tSOA\t", stdout);
    }

    [Theory]
    [InlineData(new[] { "dns", "query", "x", "BOGUS", "-f", "/" }, "ERROR: unknown DNS type \"BOGUS\"")]
    [InlineData(new[] { "dns", "query", "a..b", "-f", "/" }, "ERROR: the name \"a..b\" has an empty label")]
    [InlineData(new[] { "dns", "query", "x", "-f", "/nonexistent/kinet" }, "ERROR: the path \"/nonexistent/kinet\" does not exist")]
    [InlineData(new[] { "dns", "query", "x", "--from-namespace", "Bad_NS", "-f", "/" }, "ERROR: --from-namespace \"Bad_NS\" is not a valid namespace name")]
    [InlineData(new[] { "dns", "query", "x", "--name", "nocluster" }, "ERROR: cluster \"nocluster\" does not exist")]
    public async Task Bad_input_is_one_line_and_exit_1(string[] args, string error)
    {
        using var run = new CliRun();
        var (code, _, stderr) = await run.RunAsync(args);
        Assert.Equal(1, code);
        Assert.StartsWith(error, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
