// Acceptance (issue 6) for what needs many requests or a name: the spread over endpoints, the seed's database migration
// under load, the seed's my-service by its DNS name from a pod, and `kinet proxy rules --format iptables` for it.
// Requests come from the test process on the host (one new connection each, through the host's route to the service
// CIDR), so every one is a new flow through the first node's rules.
using System.Net;
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

public partial class ServiceProxyTests
{
    [Fact]
    public async Task Ten_thousand_connections_spread_evenly_over_three_endpoints()
    {
        await Ok("create", "namespace", "spread");
        await Apply(Web("spread", "spread", 3) + "\n---\n" + Service("spread", "spread"));
        await Endpoints("spread", "spread", 3);
        var ip = IPAddress.Parse(await ClusterIP("spread", "spread"));
        await Poll.Until(() => HttpLoad.PodAsync(ip, 80, CancellationToken.None), p => p is not null, "the first answer through the ClusterIP");

        var counts = await HttpLoad.CountAsync(ip, 80, 10_000, 16, CancellationToken.None);

        Assert.False(counts.ContainsKey(""), $"{counts.GetValueOrDefault("")} of 10,000 requests failed");
        Assert.Equal(3, counts.Count);
        foreach (var (pod, n) in counts)
            Assert.True(Math.Abs(n / 10_000.0 - 1 / 3.0) <= 0.03, $"{pod} answered {n} of 10,000 (expected 1/3 ± 3%): {string.Join(", ", counts)}");
    }

    [Fact]
    public async Task The_seed_database_migration_under_load_loses_no_request()
    {
        await Ok("create", "namespace", "migrate");
        string Db(string name, string engine) => $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{name}}
              namespace: migrate
              labels:
                app: {{engine}}
                database: "true"
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: db
                image: example/whoami:1.0
                ports:
                - containerPort: 8080
            """;
        await Apply(string.Join("\n---\n", Db("mysql-0", "mysql"), Db("mysql-1", "mysql"), Db("postgres-0", "postgres"), Db("postgres-1", "postgres"),
            Service("migrate", "mysql").Replace("name: mysql", "name: db")));
        await Endpoints("migrate", "db", 2);
        var ip = IPAddress.Parse(await ClusterIP("migrate", "db"));
        await Poll.Until(() => HttpLoad.PodAsync(ip, 80, CancellationToken.None), p => p is not null, "the first answer through the ClusterIP");

        using var stop = new CancellationTokenSource();
        var load = HttpLoad.SteadyAsync(ip, 80, perSecond: 250, parallel: 8, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        // 1. Both engines behind the Service (the seed's "app: database" step, as a label both carry).
        await Ok("patch", "service", "db", "-n", "migrate", "--type=merge", "-p", """{"spec":{"selector":{"app":null,"database":"true"}}}""");
        await Endpoints("migrate", "db", 4);
        await Task.Delay(TimeSpan.FromSeconds(2));
        // 2. Only the new pods, then the old ones go away.
        await Ok("patch", "service", "db", "-n", "migrate", "--type=merge", "-p", """{"spec":{"selector":{"app":"postgres","database":null}}}""");
        await Endpoints("migrate", "db", 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Ok("delete", "pod", "mysql-0", "mysql-1", "-n", "migrate", "--wait=true");
        await Task.Delay(TimeSpan.FromSeconds(1));
        stop.Cancel();
        var (sent, failed, rate, pods) = await load;

        Assert.Equal(0, failed);
        Assert.True(rate >= 200, $"the client managed {rate:F0} requests/s ({sent} sent)");
        Assert.Equal(["mysql-0", "mysql-1", "postgres-0", "postgres-1"], pods.Keys.Order());
        Assert.Equal(["postgres-0", "postgres-1"], Pods(await InPodlessAnswers(ip, 20)).Distinct().Order());
    }

    [Fact]
    public async Task The_seed_my_service_answers_by_its_dns_name_and_kinet_shows_its_iptables_rules()
    {
        await Apply(Web("default", "my-service", 3) + "\n---\n" + Service("default", "my-service") + "\n---\n"
            + Client("default", "curl-client", image: "nicolaka/netshoot"));
        await Ready("default", "curl-client");
        await Endpoints("default", "my-service", 3);
        var answer = await InPodUntilOk("default", "curl-client", "curl -s --max-time 5 http://my-service.default.svc.cluster.local/");
        Assert.Single(Pods(answer));

        var rules = await cluster.Kinet("proxy", "rules", "--name", cluster.Name, "--format", "iptables", "--service", "my-service");
        Assert.Equal(0, rules.ExitCode);
        var jumps = rules.Stdout.Split('\n').Where(l => l.StartsWith("-A KUBE-SVC-", StringComparison.Ordinal) && l.Contains("-j KUBE-SEP-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, jumps.Count);
        Assert.Contains("--probability 0.33333333349", jumps[0]);
        Assert.Contains("--probability 0.50000000000", jumps[1]);
        Assert.DoesNotContain("--probability", jumps[2]);
    }

    /// <summary>The pods answering <paramref name="n"/> fresh requests from the host, as "pod: name" lines.</summary>
    private static async Task<string> InPodlessAnswers(IPAddress ip, int n)
    {
        var lines = new List<string>();
        for (var i = 0; i < n; i++) lines.Add("pod: " + (await HttpLoad.PodAsync(ip, 80, CancellationToken.None) ?? "(failed)"));
        return string.Join('\n', lines);
    }
}
