// Acceptance (issue 4): the kernel data plane's life cycle — VXLAN mode, `kubectl run -it --rm`, a daemon killed with
// SIGKILL and brought back by `kinet up`, and `kinet down` leaving nothing of the cluster in the kernel (also after the
// daemon died).
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

[Collection(KernelCollection.Name)]
public class KernelLifecycleTests
{
    private static Task<string> Ok(KinetCluster c, params string[] args) => c.KubectlOk(args);

    private static Task Apply(KinetCluster c, string yaml) => c.Apply(yaml);

    private static string Sleeper(string name, string node) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          nodeName: {{node}}
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: busybox
            command: ["sleep", "3600"]
        """;

    private static async Task<string> Ready(KinetCluster c, string pod)
    {
        await Ok(c, "wait", "--for=condition=Ready", "pod/" + pod, "--timeout=60s");
        return (await Ok(c, "get", "pod", pod, "-o", "jsonpath={.status.podIP}")).Trim();
    }

    /// <summary>Everything in the kernel that mentions the cluster: netns, links (names and aliases), nft tables, mounts.</summary>
    private static async Task<string> KernelTraces(string cluster)
    {
        var found = new List<string>();
        foreach (var cmd in new[] { new[] { "ip", "netns", "list" }, ["ip", "-o", "link", "show"], ["nft", "list", "tables"], ["cat", "/proc/mounts"] })
        {
            var r = await ProcessRunner.RunAsync(cmd[0], cmd[1..], new Dictionary<string, string>());
            found.AddRange(r.Stdout.Split('\n').Where(l => l.Contains(cluster, StringComparison.Ordinal)));
        }
        return string.Join('\n', found);
    }

    [Fact]
    public async Task Vxlan_mode_gives_pods_mtu_1450_and_cross_node_reachability()
    {
        var c = new KernelCluster();
        var config = Path.Combine(c.Root, "vxlan.yaml");
        await File.WriteAllTextAsync(config, """
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            networking:
              kinetMode: vxlan
            nodes:
            - role: control-plane
            - role: worker
            - role: worker
            """);
        try
        {
            await c.Up("--config", config);
            await Apply(c, Sleeper("pod-a", c.Name + "-worker"));
            await Apply(c, Sleeper("pod-b", c.Name + "-worker2"));
            await Ready(c, "pod-a");
            var b = await Ready(c, "pod-b");
            Assert.Contains("mtu 1450", await Ok(c, "exec", "pod-a", "--", "ip", "addr", "show", "eth0"));
            Assert.Contains("1 packets received", await Ok(c, "exec", "pod-a", "--", "ping", "-c", "1", "-W", "2", b));
        }
        finally
        {
            await c.DisposeAsync();
        }
        Assert.Equal("", await KernelTraces(c.Name));
    }

    [Fact]
    public async Task A_killed_daemon_comes_back_with_its_pods_addresses_and_down_leaves_nothing()
    {
        var c = new KernelCluster();
        try
        {
            await c.Up();
            await Apply(c, Sleeper("keeper", c.Name + "-worker"));
            await Apply(c, Sleeper("peer", c.Name + "-worker2"));
            var before = await Ready(c, "keeper");
            var peer = await Ready(c, "peer");

            await c.KillDaemon();
            await c.Up();
            await Poll.Until(() => c.Kubectl("exec", "keeper", "--", "ping", "-c", "1", "-W", "2", peer),
                r => r.ExitCode == 0, "the pod network working again after kinet up");
            Assert.Equal(before, (await Ok(c, "get", "pod", "keeper", "-o", "jsonpath={.status.podIP}")).Trim());

            // A new pod never gets an address in use.
            await Apply(c, Sleeper("newcomer", c.Name + "-worker"));
            var fresh = await Ready(c, "newcomer");
            Assert.NotEqual(before, fresh);

            // kill -9 again, then `kinet down` with no daemon: nothing of the cluster stays in the kernel.
            await c.KillDaemon();
        }
        finally
        {
            await c.DisposeAsync();
        }
        Assert.Equal("", await KernelTraces(c.Name));
    }

    [Fact]
    public async Task Kubectl_run_it_rm_netshoot_gives_a_shell_and_removes_the_pod()
    {
        var c = new KernelCluster();
        try
        {
            await c.Up();
            var session = "kinet-" + c.Name;
            var env = string.Join(' ', c.ProcessEnvironment.Where(kv => kv.Key != "TERM").Select(kv => $"{kv.Key}={kv.Value}"));
            var log = Path.Combine(c.Root, "run.out");
            var start = await ProcessRunner.RunAsync("tmux", ["new-session", "-d", "-s", session, "-x", "120", "-y", "30",
                $"env {env} TERM=xterm {KinetCluster.KubectlPath} --cache-dir {c.KubectlCacheDir} run -it --rm netshoot --image=nicolaka/netshoot -- bash; echo run-exit=$? > {log}; sleep 30"],
                new Dictionary<string, string>());
            Assert.True(start.ExitCode == 0, start.ToString());
            try
            {
                await Poll.Until(() => c.Kubectl("get", "pod", "netshoot", "-o", "jsonpath={.status.phase}"), r => r.Stdout == "Running", "netshoot running");
                await Task.Delay(1500);
                await ProcessRunner.RunAsync("tmux", ["send-keys", "-t", session, "ip route show | head -1; echo done-$((40+2))", "Enter"], new Dictionary<string, string>());
                var screen = await Poll.Until(() => ProcessRunner.RunAsync("tmux", ["capture-pane", "-p", "-t", session], new Dictionary<string, string>()),
                    r => r.Stdout.Contains("done-42"), "the netshoot shell answering");
                Assert.Matches(@"default via 10\.244\.\d+\.1", screen.Stdout);
                await ProcessRunner.RunAsync("tmux", ["send-keys", "-t", session, "exit", "Enter"], new Dictionary<string, string>());
                await Poll.Until(() => c.Kubectl("get", "pod", "netshoot"), r => r.ExitCode != 0 && r.Stderr.Contains("NotFound"), "the --rm pod deleted");
                var exit = await Poll.Until(() => Task.FromResult(File.Exists(log) ? File.ReadAllText(log) : ""), s => s.Length > 0, "kubectl run to exit");
                Assert.Contains("run-exit=0", exit);
            }
            finally
            {
                await ProcessRunner.RunAsync("tmux", ["kill-session", "-t", session], new Dictionary<string, string>());
            }
        }
        finally
        {
            await c.DisposeAsync();
        }
    }
}
