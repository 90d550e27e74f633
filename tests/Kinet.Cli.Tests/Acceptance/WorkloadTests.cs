// Acceptance (issue 3, workloads): with the real kubectl against `kinet up`, Deployments make ReplicaSets make Pods named
// as upstream, pods are scheduled over the workers and get addresses from their node's CIDR, scale and rollouts finish,
// and deleting a Deployment takes its ReplicaSets and Pods with it.
using System.Text.RegularExpressions;
using Kinet.Cli.Tests.Harness;
using Kinet.Model.Networking;

namespace Kinet.Cli.Tests.Acceptance;

public class WorkloadTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    private Task<string> Ok(params string[] args) => cluster.KubectlOk(args);

    private async Task<string> Apply(string yaml)
    {
        var r = await cluster.KubectlWithInput(yaml, "apply", "-f", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout;
    }

    private static string Deployment(string name, string ns, int replicas, string image, int port) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: {name}
                image: {image}
                ports:
                - containerPort: {port}
        """;

    /// <summary>Pod name → (phase, IP, node) from `kubectl get pods -o wide`-equivalent jsonpath.</summary>
    private async Task<Dictionary<string, (string Phase, string IP, string Node)>> Pods(string ns, string selector)
    {
        var text = await Ok("get", "pods", "-n", ns, "-l", selector, "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.status.podIP} {.spec.nodeName}{\"\\n\"}{end}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .ToDictionary(f => f[0], f => (f[1], f.Length > 2 ? f[2] : "", f.Length > 3 ? f[3] : ""));
    }

    [Fact]
    public async Task The_seed_web_application_spreads_over_nodes_with_unique_addresses_from_each_node_cidr()
    {
        await Ok("create", "namespace", "webapp");
        await Apply(Deployment("frontend", "webapp", 3, "nginx", 80));
        await Apply(Deployment("backend", "webapp", 5, "node:20", 3000));
        await Ok("rollout", "status", "deployment/frontend", "-n", "webapp", "--timeout=60s");
        await Ok("rollout", "status", "deployment/backend", "-n", "webapp", "--timeout=60s");

        var cidrs = (await Ok("get", "nodes", "-o", "jsonpath={range .items[*]}{.metadata.name} {.spec.podCIDR}{\"\\n\"}{end}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(f => f[0], f => Cidr.Parse(f[1]));
        var frontend = await Pods("webapp", "app=frontend");
        var backend = await Pods("webapp", "app=backend");
        Assert.Equal(3, frontend.Count);
        Assert.Equal(5, backend.Count);
        var all = frontend.Concat(backend).ToList();
        foreach (var (name, (phase, ip, node)) in all)
        {
            Assert.Equal("Running", phase);
            Assert.True(cidrs[node].Contains(IP.Parse(ip)), $"{name} has {ip}, outside {node}'s {cidrs[node]}");
            Assert.DoesNotContain("control-plane", node); // kubeadm's taint keeps workloads off it
        }
        Assert.Equal(all.Count, all.Select(p => p.Value.IP).Distinct().Count());
        Assert.True(all.Select(p => p.Value.Node).Distinct().Count() > 1, "pods were not spread over the workers");
        Assert.All(frontend.Keys, n => Assert.Matches("^frontend-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$", n));

        var wide = await Ok("get", "pods", "-n", "webapp", "-o", "wide");
        Assert.Matches(@"frontend-\S+\s+1/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+\S+-worker2?\s", wide);
        var deploys = await Ok("get", "deployments", "-n", "webapp");
        Assert.Matches(@"frontend\s+3/3\s+3\s+3\s", deploys);
        Assert.Matches(@"backend\s+5/5\s+5\s+5\s", deploys);

        // kubectl expose gives a ClusterIP and `kubectl get endpoints` lists the pods' podIP:port.
        await Ok("expose", "deployment", "frontend", "-n", "webapp", "--port=80");
        var expected = frontend.Values.Select(p => p.IP + ":80").Order().ToArray();
        var endpoints = await Poll.Until(
            () => Ok("get", "endpoints", "frontend", "-n", "webapp", "-o", "jsonpath={range .subsets[*].addresses[*]}{.ip}:80 {end}"),
            s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order().SequenceEqual(expected), "endpoints of frontend");
        Assert.Matches(@"^10\.9[6-9]|^10\.1[01]\d\.", await Ok("get", "svc", "frontend", "-n", "webapp", "-o", "jsonpath={.spec.clusterIP}"));
        var slices = await Ok("get", "endpointslices", "-n", "webapp", "-l", "kubernetes.io/service-name=frontend", "-o",
            "jsonpath={range .items[*].endpoints[*]}{.addresses[0]} {.conditions.ready}{\"\\n\"}{end}");
        Assert.Equal(frontend.Values.Select(p => p.IP + " true").Order(), slices.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task The_seed_e_commerce_microservices_each_get_pods_with_cluster_addresses_and_a_service()
    {
        await Ok("create", "namespace", "shop");
        var services = new[] { ("product-catalog", 8080), ("shopping-cart", 8081), ("user-auth", 8082), ("payment", 8083) };
        foreach (var (name, port) in services)
        {
            await Apply(Deployment(name, "shop", 2, "nginx", port));
            await Ok("expose", "deployment", name, "-n", "shop", "--port=80", $"--target-port={port}");
        }
        foreach (var (name, _) in services) await Ok("rollout", "status", $"deployment/{name}", "-n", "shop", "--timeout=60s");

        var ips = new List<string>();
        foreach (var (name, port) in services)
        {
            var pods = await Pods("shop", $"app={name}");
            Assert.Equal(2, pods.Count);
            Assert.All(pods.Values, p => Assert.Matches(@"^10\.244\.[12]\.\d+$", p.IP)); // the workers' CIDRs
            ips.AddRange(pods.Values.Select(p => p.IP));
            var expected = pods.Values.Select(p => $"{p.IP}:{port}").Order().ToArray();
            await Poll.Until(
                () => Ok("get", "endpoints", name, "-n", "shop", "-o", "jsonpath={range .subsets[*].addresses[*]}{.ip} {end}"),
                s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ip => $"{ip}:{port}").Order().SequenceEqual(expected), $"endpoints of {name}");
            var row = await Ok("get", "endpoints", name, "-n", "shop", "--no-headers");
            Assert.All(expected, e => Assert.Contains(e, row));
        }
        Assert.Equal(ips.Count, ips.Distinct().Count());
        var clusterIPs = (await Ok("get", "svc", "-n", "shop", "-o", "jsonpath={.items[*].spec.clusterIP}")).Split(' ');
        Assert.Equal(4, clusterIPs.Distinct().Count());
        Assert.All(clusterIPs, ip => Assert.True(Cidr.Parse("10.96.0.0/12").Contains(IP.Parse(ip)), ip));
    }

    [Fact]
    public async Task Scale_rollout_and_set_image_behave_as_upstream()
    {
        await Ok("create", "namespace", "scaling");
        await Ok("create", "deployment", "web", "-n", "scaling", "--image=nginx:1.25", "--replicas=3");
        await Ok("rollout", "status", "deployment/web", "-n", "scaling", "--timeout=60s");

        foreach (var n in new[] { 5, 1 })
        {
            Assert.Equal("deployment.apps/web scaled\n", await Ok("scale", "deployment", "web", "-n", "scaling", $"--replicas={n}"));
            await Ok("rollout", "status", "deployment/web", "-n", "scaling", "--timeout=60s");
            await Poll.Until(() => Pods("scaling", "app=web"), p => p.Count == n && p.Values.All(x => x.Phase == "Running"), $"{n} running pods");
        }
        await Ok("scale", "deployment", "web", "-n", "scaling", "--replicas=3");
        await Ok("rollout", "status", "deployment/web", "-n", "scaling", "--timeout=60s");
        var before = (await Pods("scaling", "app=web")).Keys.ToHashSet();

        Assert.Equal("deployment.apps/web image updated\n", await Ok("set", "image", "deployment/web", "-n", "scaling", "nginx=nginx:1.27"));
        var status = await Ok("rollout", "status", "deployment/web", "-n", "scaling", "--timeout=60s");
        Assert.Contains("deployment \"web\" successfully rolled out", status);
        var after = await Poll.Until(() => Pods("scaling", "app=web"), p => p.Count == 3, "3 pods after the rollout");
        Assert.Empty(after.Keys.Intersect(before));
        Assert.Equal("nginx:1.27 nginx:1.27 nginx:1.27", (await Ok("get", "pods", "-n", "scaling", "-l", "app=web", "-o", "jsonpath={.items[*].spec.containers[0].image}")).Trim());
        var rs = await Ok("get", "rs", "-n", "scaling", "-o", "jsonpath={range .items[*]}{.spec.replicas}{\" \"}{end}");
        Assert.Equal(["0", "3"], rs.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.Matches(@"(?m)^2\s+<none>$", await Ok("rollout", "history", "deployment/web", "-n", "scaling"));

        var events = await Ok("get", "events", "-n", "scaling");
        Assert.Contains("ScalingReplicaSet", events);
        Assert.Contains("SuccessfulCreate", events);
        Assert.Contains("Scheduled", events);

        // Deleting the Deployment takes its ReplicaSets and Pods (garbage collection, background propagation).
        await Ok("delete", "deployment", "web", "-n", "scaling");
        await Poll.Until(() => Ok("get", "rs,pods", "-n", "scaling", "-o", "name"), s => s.Length == 0, "ReplicaSets and Pods gone");
    }

    [Fact]
    public async Task Orphan_cascade_keeps_the_pods_and_an_unschedulable_pod_says_why()
    {
        await Ok("create", "namespace", "gc");
        await Ok("create", "deployment", "keep", "-n", "gc", "--image=nginx", "--replicas=2");
        await Ok("rollout", "status", "deployment/keep", "-n", "gc", "--timeout=60s");
        await Ok("delete", "deployment", "keep", "-n", "gc", "--cascade=orphan");
        await Poll.Until(() => Ok("get", "rs", "-n", "gc", "-o", "jsonpath={.items[*].metadata.ownerReferences}"), s => s.Length == 0, "the ReplicaSet orphaned");
        Assert.Equal(2, (await Pods("gc", "app=keep")).Count);

        await Apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: wants-ssd
              namespace: gc
            spec:
              nodeSelector:
                disktype: ssd
              containers:
              - name: c
                image: nginx
            """);
        var described = await Poll.Until(() => Ok("describe", "pod", "wants-ssd", "-n", "gc"), s => s.Contains("FailedScheduling"), "a FailedScheduling event");
        Assert.Contains("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector.", described);
        Assert.Equal("Pending", await Ok("get", "pod", "wants-ssd", "-n", "gc", "-o", "jsonpath={.status.phase}"));

        // kubectl delete waits for the pod to be gone: the node agent completes graceful deletion.
        var pod = (await Pods("gc", "app=keep")).Keys.First();
        Assert.Equal($"pod \"{pod}\" deleted\n", await Ok("delete", "pod", pod, "-n", "gc"));
    }
}
