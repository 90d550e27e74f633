// Acceptance (issue 6, the service proxy): Services answer through each node's nftables rules, with the real kubectl
// and real clients (busybox wget/nc in pods, curl on the host) against `kinet up` on the kernel data plane. Backends are
// Kinet's responder (HTTP: "pod: <name>" and "client: <address>"; UDP: echo).
using System.Text.RegularExpressions;
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

[Collection(KernelCollection.Name)]
public partial class ServiceProxyTests(KernelCluster cluster) : IClassFixture<KernelCluster>
{
    private string Worker1 => cluster.Name + "-worker";
    private string Worker2 => cluster.Name + "-worker2";

    private Task<string> Ok(params string[] args) => cluster.KubectlOk(args);

    private Task Apply(string yaml) => cluster.Apply(yaml);

    private static Task<KubectlResult> Run(string file, params string[] args) =>
        ProcessRunner.RunAsync(file, args, new Dictionary<string, string>());

    private async Task<string> Ready(string ns, string pod)
    {
        await Ok("wait", "-n", ns, "--for=condition=Ready", "pod/" + pod, "--timeout=60s");
        return (await Ok("get", "pod", pod, "-n", ns, "-o", "jsonpath={.status.podIP}")).Trim();
    }

    private async Task<string> ClusterIP(string ns, string svc) =>
        (await Ok("get", "service", svc, "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).Trim();

    private Task<string> Endpoints(string ns, string svc, int count) =>
        Poll.Until(() => Ok("get", "endpoints", svc, "-n", ns, "-o", "jsonpath={.subsets[*].addresses[*].ip}"),
            s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == count, $"{count} ready endpoints of {ns}/{svc}");

    private async Task<string> LoadBalancerIP(string ns, string svc) =>
        (await Poll.Until(() => Ok("get", "service", svc, "-n", ns, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}"),
            s => s.Trim().Length > 0, $"an EXTERNAL-IP for {ns}/{svc}")).Trim();

    private async Task<string[]> NodeIPs() =>
        (await Ok("get", "nodes", "-o", "jsonpath={.items[*].status.addresses[?(@.type==\"InternalIP\")].address}"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs <paramref name="script"/> in the client pod's shell.</summary>
    private Task<KubectlResult> InPod(string ns, string pod, string script) =>
        cluster.Kubectl("exec", "-n", ns, pod, "--", "sh", "-c", script);

    /// <summary>Runs <paramref name="script"/> in the client pod until it succeeds (the proxy syncs shortly after the
    /// endpoints change); returns its output.</summary>
    private async Task<string> InPodUntilOk(string ns, string pod, string script) =>
        (await Poll.Until(() => InPod(ns, pod, script), r => r.ExitCode == 0, $"`{script}` in {ns}/{pod}")).Stdout;

    private static string[] Pods(string answers) => PodLine().Matches(answers).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@"^pod: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex PodLine();

    private static string Loop(int n, string command) => $"for i in $(seq {n}); do {command} || exit 1; done";

    private static string Client(string ns, string name = "client", string? node = null, string image = "busybox:1.36") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          {{(node is null ? "" : "nodeName: " + node)}}
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: {{image}}
            command: ["sleep", "3600"]
        """;

    private static string Web(string ns, string name, int replicas, string? node = null) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              {{(node is null ? "" : "nodeName: " + node)}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: example/whoami:1.0
                ports:
                - containerPort: 8080
        """;

    private static string Service(string ns, string name, string type = "ClusterIP", string extra = "", int nodePort = 0) => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          type: {{type}}
          selector:
            app: {{name}}
          ports:
          - port: 80
            targetPort: 8080
            {{(nodePort == 0 ? "" : $"nodePort: {nodePort}")}}
          {{extra}}
        """;

    [Fact]
    public async Task The_seed_shopping_cart_reaches_both_product_catalog_replicas_through_the_cluster_ip()
    {
        await Ok("create", "namespace", "shop");
        await Apply(Web("shop", "product-catalog", 2) + "\n---\n" + Service("shop", "product-catalog") + "\n---\n" + Client("shop", "shopping-cart"));
        await Ready("shop", "shopping-cart");
        await Endpoints("shop", "product-catalog", 2);
        var ip = await ClusterIP("shop", "product-catalog");

        var answers = await InPodUntilOk("shop", "shopping-cart", Loop(40, $"timeout 5 wget -qO- http://{ip}/"));
        var pods = Pods(answers);
        Assert.Equal(40, pods.Length);
        Assert.Equal(2, pods.Distinct().Count());
        Assert.All(pods, p => Assert.StartsWith("product-catalog-", p));
    }

    [Fact]
    public async Task A_node_port_answers_on_every_node_address_from_the_host()
    {
        await Ok("create", "namespace", "nodeport");
        await Apply(Web("nodeport", "external", 1) + "\n---\n" + Service("nodeport", "external", "NodePort", nodePort: 30080));
        await Endpoints("nodeport", "external", 1);
        foreach (var node in await NodeIPs())
        {
            var r = await Poll.Until(() => Run("curl", "-s", "--max-time", "5", $"http://{node}:30080/"), r => r.ExitCode == 0,
                $"curl http://{node}:30080/ from the host");
            Assert.Matches(@"pod: external-", r.Stdout);
        }
    }

    [Fact]
    public async Task A_load_balancer_address_answers_from_the_host_and_spreads_over_its_three_pods()
    {
        await Ok("create", "namespace", "lb");
        await Apply(Web("lb", "web-app", 3) + "\n---\n" + Service("lb", "web-app", "LoadBalancer"));
        await Endpoints("lb", "web-app", 3);
        var ip = await LoadBalancerIP("lb", "web-app");
        var answers = await Poll.Until(() => Run("sh", "-c", Loop(60, $"curl -s --max-time 5 http://{ip}/")), r => r.ExitCode == 0,
            $"60 requests to http://{ip}/ from the host");
        var pods = Pods(answers.Stdout);
        Assert.Equal(60, pods.Length);
        Assert.Equal(3, pods.Distinct().Count());
    }

    [Fact]
    public async Task A_service_without_endpoints_refuses_connections()
    {
        await Ok("create", "namespace", "empty");
        await Apply(Service("empty", "nobody") + "\n---\n" + Client("empty"));
        await Ready("empty", "client");
        var ip = await ClusterIP("empty", "nobody");
        // Refused (kube-proxy's reject), not a timeout: busybox wget reports the refusal at once.
        var r = await Poll.Until(() => InPod("empty", "client", $"timeout 10 wget -qO- http://{ip}/"),
            r => r.Stderr.Contains("Connection refused"), "a refused connection to a Service without endpoints");
        Assert.NotEqual(0, r.ExitCode);
    }

    [Fact]
    public async Task A_pod_reaches_itself_through_its_own_service()
    {
        await Ok("create", "namespace", "hairpin");
        await Apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: self
              namespace: hairpin
              labels:
                app: self
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: example/whoami:1.0
                ports:
                - containerPort: 8080
              - name: shell
                image: busybox:1.36
                command: ["sleep", "3600"]
            """ + "\n---\n" + Service("hairpin", "self"));
        await Ready("hairpin", "self");
        await Endpoints("hairpin", "self", 1);
        var ip = await ClusterIP("hairpin", "self");
        var answer = await Poll.Until(() => cluster.Kubectl("exec", "-n", "hairpin", "self", "-c", "shell", "--", "timeout", "5", "wget", "-qO-", $"http://{ip}/"),
            r => r.ExitCode == 0, "the pod's request to its own Service");
        Assert.Equal(["self"], Pods(answer.Stdout));
    }

    [Fact]
    public async Task External_traffic_policy_local_preserves_the_client_address()
    {
        await Ok("create", "namespace", "local");
        await Apply(Web("local", "keeps", 1, node: Worker2) + "\n---\n" + Service("local", "keeps", "LoadBalancer", "externalTrafficPolicy: Local"));
        await Endpoints("local", "keeps", 1);
        var ip = await LoadBalancerIP("local", "keeps");
        // The host's own address towards the load balancer (the bridge's address) is what the pod must see.
        var route = (await Run("ip", "-4", "route", "get", ip)).Stdout;
        var source = Regex.Match(route, @"src (\S+)").Groups[1].Value;
        Assert.NotEmpty(source);
        var answer = await Poll.Until(() => Run("curl", "-s", "--max-time", "5", $"http://{ip}/"), r => r.ExitCode == 0,
            $"curl http://{ip}/ from the host");
        Assert.Contains($"client: {source}:", answer.Stdout);
        Assert.Matches(@"pod: keeps-", answer.Stdout);
    }

    [Fact]
    public async Task Client_ip_session_affinity_keeps_a_client_on_one_pod()
    {
        await Ok("create", "namespace", "sticky");
        await Apply(Web("sticky", "cart", 3) + "\n---\n"
            + Service("sticky", "cart", extra: "sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 600")
            + "\n---\n" + Client("sticky"));
        await Ready("sticky", "client");
        await Endpoints("sticky", "cart", 3);
        var ip = await ClusterIP("sticky", "cart");
        var pods = Pods(await InPodUntilOk("sticky", "client", Loop(30, $"timeout 5 wget -qO- http://{ip}/")));
        Assert.Equal(30, pods.Length);
        Assert.Single(pods.Distinct());
    }

    [Fact]
    public async Task A_deleted_pod_gets_no_new_connection_a_second_after_its_endpoint_is_gone()
    {
        await Ok("create", "namespace", "drain");
        await Apply(Web("drain", "api", 2) + "\n---\n" + Service("drain", "api") + "\n---\n" + Client("drain"));
        await Ready("drain", "client");
        await Endpoints("drain", "api", 2);
        var ip = await ClusterIP("drain", "api");
        var before = Pods(await InPodUntilOk("drain", "client", Loop(20, $"timeout 5 wget -qO- http://{ip}/")));
        Assert.Equal(2, before.Distinct().Count());

        var victim = before[0];
        await Ok("delete", "pod", victim, "-n", "drain", "--wait=false");
        await Poll.Until(async () => (await Ok("get", "endpointslices", "-n", "drain", "-l", "kubernetes.io/service-name=api",
                "-o", "jsonpath={range .items[*].endpoints[*]}{.targetRef.name}={.conditions.ready} {end}")),
            s => !s.Contains(victim + "=true"), $"{victim} out of the ready endpoints");
        await Task.Delay(TimeSpan.FromSeconds(1)); // the issue's bound: rules follow the endpoint within 1 s
        var after = await InPod("drain", "client", Loop(20, $"timeout 5 wget -qO- http://{ip}/"));
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.DoesNotContain(victim, Pods(after.Stdout));
        Assert.Equal(20, Pods(after.Stdout).Length);
    }

    [Fact]
    public async Task A_udp_service_echoes_through_its_cluster_ip()
    {
        await Ok("create", "namespace", "udp");
        await Apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: echo
              namespace: udp
              labels:
                app: echo
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: echo
                image: example/echo:1.0
                ports:
                - containerPort: 5353
                  protocol: UDP
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: echo
              namespace: udp
            spec:
              selector:
                app: echo
              ports:
              - port: 53
                protocol: UDP
                targetPort: 5353
            """ + "\n---\n" + Client("udp", image: "nicolaka/netshoot")); // Debian's busybox nc has no -u
        await Ready("udp", "client");
        await Endpoints("udp", "echo", 1);
        var ip = await ClusterIP("udp", "echo");
        var echoed = await Poll.Until(() => InPod("udp", "client", $"echo hello-udp | nc -u -w 2 {ip} 53"),
            r => r.Stdout.Contains("hello-udp"), "the UDP echo through the Service");
        Assert.Equal(0, echoed.ExitCode);
    }
}
