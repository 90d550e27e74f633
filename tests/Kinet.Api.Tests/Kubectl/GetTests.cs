// Acceptance: kubectl get in its many forms, as the seed and its troubleshooting section use it.
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class GetTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>, IAsyncLifetime
{
    private const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: postgres-6b4f87b5c9-8p7x2
          labels: {app: postgres}
        spec:
          containers:
          - name: postgres
            image: postgres:16
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: postgres-db-0
          labels: {app: postgres, tier: db}
        spec:
          containers:
          - name: postgres
            image: postgres:16
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: postgres-db
        spec:
          selector: {app: postgres, tier: db}
          ports:
          - port: 5432
        """;

    public async Task InitializeAsync() => await k.OkIn(Pods, "apply", "-f", "-");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_pods_wide_prints_the_upstream_columns()
    {
        var wide = await k.Ok("get", "pods", "-o", "wide");
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n", wide);
        Assert.Matches(@"postgres-db-0\s+0/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>", wide);
    }

    [Fact]
    public async Task Selectors_pick_the_pods_with_every_label()
    {
        var both = await k.Ok("get", "pods", "--selector=app=postgres,tier=db", "-o", "name");
        Assert.Equal("pod/postgres-db-0\n", both);
        var one = await k.Ok("get", "pods", "-l", "app=postgres", "-o", "name");
        Assert.Equal("pod/postgres-6b4f87b5c9-8p7x2\npod/postgres-db-0\n", one);
        Assert.Equal("pod/postgres-6b4f87b5c9-8p7x2\n", await k.Ok("get", "pods", "-l", "app=postgres,!tier", "-o", "name"));
    }

    [Fact]
    public async Task Output_formats_yaml_json_jsonpath_and_labels()
    {
        var yaml = await k.Ok("get", "pod", "postgres-db-0", "-o", "yaml");
        Assert.Contains("kind: Pod", yaml);
        Assert.Contains("restartPolicy: Always", yaml);
        var json = await k.Ok("get", "svc", "postgres-db", "-o", "json");
        Assert.Contains("\"kind\": \"Service\"", json);
        Assert.Equal("postgres-db-0", await k.Ok("get", "pods", "-l", "tier=db", "-o", "jsonpath={.items[0].metadata.name}"));
        var labels = await k.Ok("get", "pods", "--show-labels");
        Assert.Matches(@"postgres-db-0\s.*app=postgres,tier=db", labels);
    }

    [Fact]
    public async Task All_namespaces_and_get_all_list_kinds_with_prefixes()
    {
        var all = await k.Ok("get", "pods", "-A");
        Assert.Matches(@"^NAMESPACE\s+NAME\s+READY", all);
        Assert.Matches(@"default\s+postgres-db-0", all);
        var everything = await k.Ok("get", "all", "-A");
        Assert.Contains("pod/postgres-db-0", everything);
        Assert.Contains("service/postgres-db", everything);
    }

    [Fact]
    public async Task Chunked_and_sorted_lists_return_every_item()
    {
        var chunked = await k.Ok("get", "pods", "--chunk-size=1", "-o", "name");
        Assert.Equal("pod/postgres-6b4f87b5c9-8p7x2\npod/postgres-db-0\n", chunked);
        var sorted = await k.Ok("get", "pods", "--sort-by=.metadata.name", "-o", "custom-columns=N:.metadata.name", "--no-headers");
        Assert.Equal("postgres-6b4f87b5c9-8p7x2\npostgres-db-0\n", sorted);
        var sortedTable = await k.Ok("get", "pods", "--sort-by=.metadata.creationTimestamp");
        Assert.Contains("postgres-db-0", sortedTable);
    }

    [Fact]
    public async Task Services_endpoints_slices_policies_and_ingresses_print_tables()
    {
        var svc = await k.Ok("get", "svc");
        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n", svc);
        Assert.Matches(@"(?m)^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443/TCP\s", svc);
        Assert.Matches(@"(?m)^postgres-db\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+5432/TCP\s", svc);
        var ep = await k.Kubectl("get", "endpoints");
        Assert.True(ep.ExitCode == 0, ep.ToString());
        var slices = await k.Kubectl("get", "endpointslices");
        Assert.True(slices.ExitCode == 0, slices.ToString());
        var netpol = await k.Kubectl("get", "netpol");
        Assert.Contains("No resources found", netpol.Stderr);
        var ing = await k.Kubectl("get", "ing");
        Assert.Contains("No resources found", ing.Stderr);
    }
}
