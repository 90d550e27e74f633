// Acceptance (issue 3, EndpointSlices and Endpoints): the seed's troubleshooting story and database migration, with the
// real kubectl against `kinet up`: endpoints follow selectors and pods.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

public class ServiceEndpointsTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    private Task<string> Ok(params string[] args) => cluster.KubectlOk(args);

    private Task Apply(string yaml) => cluster.Apply(yaml);

    private Task<string> EndpointsColumn(string ns, string svc) =>
        Ok("get", "endpoints", svc, "-n", ns, "--no-headers", "-o", "custom-columns=E:.subsets[*].addresses[*].ip");

    private async Task<string> PodIP(string ns, string selector) =>
        await Poll.Until(() => Ok("get", "pods", "-n", ns, "-l", selector, "-o", "jsonpath={.items[*].status.podIP}"),
            s => s.Length > 0, $"an address for {selector}");

    [Fact]
    public async Task The_seed_troubleshooting_story_plays_out_as_the_tutorial_shows()
    {
        await Ok("create", "namespace", "trouble");
        await Apply("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: postgres
              namespace: trouble
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: postgres
              template:
                metadata:
                  labels:
                    app: postgres
                spec:
                  containers:
                  - name: postgres
                    image: postgres:16
                    ports:
                    - containerPort: 5432
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: postgres-db
              namespace: trouble
            spec:
              selector:
                app: postgres
                tier: db
              ports:
              - port: 5432
                targetPort: 5432
            """);
        await Ok("rollout", "status", "deployment/postgres", "-n", "trouble", "--timeout=60s");
        var ip = await PodIP("trouble", "app=postgres");

        // 1. The service exists but has no endpoints.
        Assert.Matches(@"postgres-db\s+ClusterIP\s+10\.\S+\s+<none>\s+5432/TCP", await Ok("get", "service", "postgres-db", "-n", "trouble"));
        Assert.Matches(@"postgres-db\s+<none>\s+\d+s", await Ok("get", "endpoints", "postgres-db", "-n", "trouble"));
        Assert.Matches(@"Selector:\s+app=postgres,tier=db", await Ok("describe", "service", "postgres-db", "-n", "trouble"));
        var none = await cluster.Kubectl("get", "pods", "--selector=app=postgres,tier=db", "-n", "trouble");
        Assert.Equal("No resources found in trouble namespace.\n", none.Stderr);
        var described = await Ok("describe", "pod", "-n", "trouble", "-l", "app=postgres");
        Assert.Matches(@"Labels:\s+app=postgres\n\s+pod-template-hash=[bcdfghjklmnpqrstvwxz2456789]+", described);

        // 2. The tutorial's patch is a strategic merge: maps merge, so tier=db stays and nothing changes — exactly what a
        //    real cluster answers. Replacing the selector needs a merge patch that removes tier.
        Assert.Equal("service/postgres-db patched (no change)\n",
            await Ok("patch", "service", "postgres-db", "-n", "trouble", "-p", """{"spec":{"selector":{"app":"postgres"}}}"""));
        Assert.Equal("service/postgres-db patched\n",
            await Ok("patch", "service", "postgres-db", "-n", "trouble", "--type=merge", "-p", """{"spec":{"selector":{"app":"postgres","tier":null}}}"""));

        // 3. Endpoints are now populated with the pod's address on 5432.
        await Poll.Until(() => Ok("get", "endpoints", "postgres-db", "-n", "trouble"),
            s => System.Text.RegularExpressions.Regex.IsMatch(s, $@"postgres-db\s+{System.Text.RegularExpressions.Regex.Escape(ip)}:5432\s"), "the pod's endpoint");
    }

    [Fact]
    public async Task The_seed_database_migration_moves_endpoints_with_the_selector()
    {
        await Ok("create", "namespace", "migrate");
        foreach (var (name, app) in new[] { ("mysql-0", "mysql"), ("postgres-0", "postgres"), ("postgres-1", "postgres") })
            await Ok("run", name, "-n", "migrate", "--image=" + app, $"--labels=app={app},engine={app}", "--port=3306");
        await Apply("""
            apiVersion: v1
            kind: Service
            metadata:
              name: database-service
              namespace: migrate
            spec:
              selector:
                app: mysql
              ports:
              - port: 3306
                targetPort: 3306
            """);
        var mysql = await PodIP("migrate", "engine=mysql");
        var postgres = (await Poll.Until(() => Ok("get", "pods", "-n", "migrate", "-l", "engine=postgres", "-o", "jsonpath={.items[*].status.podIP}"),
            s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 2, "postgres addresses")).Split(' ');
        await Poll.Until(() => EndpointsColumn("migrate", "database-service"), s => s.Trim() == mysql, "mysql only");

        // The new label goes on every database pod; the selector moves to it: both engines serve.
        await Ok("label", "pods", "-n", "migrate", "--all", "app=database", "--overwrite");
        await Poll.Until(() => EndpointsColumn("migrate", "database-service"), s => s.Trim() == "<none>", "no endpoints while the selector still says mysql");
        await Ok("patch", "service", "database-service", "-n", "migrate", "-p", """{"spec":{"selector":{"app":"database"}}}""");
        var both = new[] { mysql }.Concat(postgres).Order().ToArray();
        await Poll.Until(() => EndpointsColumn("migrate", "database-service"), s => s.Trim().Split(',').Order().SequenceEqual(both), "all three");

        // MySQL pods are removed: only PostgreSQL remains behind the Service.
        await Ok("delete", "pod", "mysql-0", "-n", "migrate");
        await Poll.Until(() => EndpointsColumn("migrate", "database-service"), s => s.Trim().Split(',').Order().SequenceEqual(postgres.Order()), "postgres only");
    }

    [Fact]
    public async Task The_kubernetes_service_points_at_the_api_server()
    {
        var ep = await Ok("get", "endpoints", "kubernetes", "-o", "jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}");
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+:\d+$", ep);
    }
}
