// Acceptance (issue 4, pods in the kernel): the seed's "Pod Networking Deep Dive" with the real kubectl against
// `kinet up` on the kernel data plane — real tools (ping, ip, wget, nginx, tail) inside pods, across nodes.
using System.Net;
using System.Net.Sockets;
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

[Collection(KernelCollection.Name)]
public class PodNetworkTests(KernelCluster cluster) : IClassFixture<KernelCluster>
{
    private string Worker1 => cluster.Name + "-worker";
    private string Worker2 => cluster.Name + "-worker2";

    private Task<string> Ok(params string[] args) => cluster.KubectlOk(args);

    private Task Apply(string yaml) => cluster.Apply(yaml);

    private async Task<string> Ready(string ns, string pod)
    {
        await Ok("wait", "-n", ns, "--for=condition=Ready", "pod/" + pod, "--timeout=60s");
        return (await Ok("get", "pod", pod, "-n", ns, "-o", "jsonpath={.status.podIP}")).Trim();
    }

    private static string Busybox(string ns, string name, string node, string script = "sleep 3600") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels:
            app: {{name}}
        spec:
          nodeName: {{node}}
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c", "{{script}}"]
        """;

    [Fact]
    public async Task Pods_on_different_nodes_ping_each_other_and_see_each_others_pod_address()
    {
        await Ok("create", "namespace", "p2p");
        await Apply(Busybox("p2p", "pod-a", Worker1));
        await Apply($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: pod-b
              namespace: p2p
            spec:
              nodeName: {{Worker2}}
              containers:
              - name: web
                image: example/whoami:1.0
                ports:
                - containerPort: 8080
            """);
        var a = await Ready("p2p", "pod-a");
        var b = await Ready("p2p", "pod-b");
        Assert.NotEqual(a.Split('.')[2], b.Split('.')[2]); // different nodes, different /24s

        var ping = await Ok("exec", "-n", "p2p", "pod-a", "--", "ping", "-c", "1", "-W", "2", b);
        Assert.Contains("1 packets received", ping);

        // No NAT between pods: the built-in responder reports the client address it saw.
        var seen = await Ok("exec", "-n", "p2p", "pod-a", "--", "wget", "-qO-", $"http://{b}:8080/");
        Assert.Contains(a, seen);
        Assert.Contains("pod-b", seen);

        // The seed's "Namespaces and Virtual Ethernet": eth0 holds the pod's address, the default route goes via the node.
        var addr = await Ok("exec", "-n", "p2p", "pod-a", "--", "ip", "addr");
        Assert.Matches(@"eth0@\S+: <[^>]*UP[^>]*> mtu 1500", addr);
        Assert.Contains($"inet {a}/24", addr);
        var route = await Ok("exec", "-n", "p2p", "pod-a", "--", "ip", "route");
        Assert.Matches(@"default via 10\.244\.\d+\.1 dev eth0", route);
    }

    [Fact]
    public async Task The_host_reaches_pod_addresses_and_the_cluster_has_no_way_out()
    {
        await Ok("create", "namespace", "hostpath");
        await Apply(Busybox("hostpath", "lonely", Worker1));
        var ip = await Ready("hostpath", "lonely");
        var ping = await Run("ping", "-c", "1", "-W", "2", ip);
        Assert.True(ping.ExitCode == 0, ping.ToString());
        // No way out: the pod's node has no route to an address outside the cluster. Asked of the kernel (`ip route get`)
        // rather than by sending a packet, because a test never sends to an address outside a cluster (DESIGN.md).
        var outside = await Run("ip", "-n", $"kinet-{cluster.Name}-{Worker1}", "route", "get", "192.0.2.1");
        Assert.NotEqual(0, outside.ExitCode);
        Assert.Contains("unreachable", outside.Stderr);
    }

    [Fact]
    public async Task A_hostNetwork_pod_runs_in_its_nodes_namespace()
    {
        await Ok("create", "namespace", "hostnet");
        await Apply($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: node-agent
              namespace: hostnet
            spec:
              hostNetwork: true
              nodeName: {{Worker1}}
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:1.36
                command: ["sleep", "3600"]
            """);
        var ip = await Ready("hostnet", "node-agent");
        var nodeIP = (await Ok("get", "node", Worker1, "-o", "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}")).Trim();
        Assert.Equal(nodeIP, ip);
        Assert.Contains($"inet {nodeIP}/", await Ok("exec", "-n", "hostnet", "node-agent", "--", "ip", "addr"));
        Assert.Equal(Worker1, (await Ok("exec", "-n", "hostnet", "node-agent", "--", "hostname")).Trim());
    }

    [Fact]
    public async Task Exec_exit_codes_propagate_and_stdin_reaches_the_command()
    {
        await Ok("create", "namespace", "execs");
        await Apply(Busybox("execs", "shell", Worker2));
        await Ready("execs", "shell");
        var three = await cluster.Kubectl("exec", "-n", "execs", "shell", "--", "sh", "-c", "exit 3");
        Assert.Equal(3, three.ExitCode);
        Assert.Contains("command terminated with exit code 3", three.Stderr);
        var echoed = await cluster.KubectlWithInput("hello through stdin\n", "exec", "-i", "-n", "execs", "shell", "--", "cat");
        Assert.True(echoed.ExitCode == 0, echoed.ToString());
        Assert.Equal("hello through stdin\n", echoed.Stdout);
        var missing = await cluster.Kubectl("exec", "-n", "execs", "shell", "--", "no-such-program");
        Assert.NotEqual(0, missing.ExitCode);
        // Each container sees only its pod's processes, and its hostname is the pod's name.
        Assert.Equal("shell", (await Ok("exec", "-n", "execs", "shell", "--", "hostname")).Trim());
        var ps = await Ok("exec", "-n", "execs", "shell", "--", "ps", "-o", "pid,comm");
        Assert.DoesNotContain("dotnet", ps); // not the daemon, nor anything else of the host
        Assert.Matches(@"^\s*1\s+\S*pause", ps.Split('\n')[1]); // PID 1 is the pod's pause, as with shareProcessNamespace
        Assert.Contains("sleep", ps);
    }

    [Fact]
    public async Task Sidecars_share_localhost_and_an_emptyDir_and_nginx_access_shows_in_the_sidecars_logs()
    {
        await Ok("create", "namespace", "sidecar");
        await Apply($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: sidecar
            spec:
              nodeName: {{Worker1}}
              terminationGracePeriodSeconds: 1
              volumes:
              - name: logs
                emptyDir: {}
              containers:
              - name: nginx
                image: nginx:1.27
                ports:
                - containerPort: 80
                volumeMounts:
                - name: logs
                  mountPath: /var/log/nginx
              - name: log-tailer
                image: busybox:1.36
                command: ["sh", "-c", "touch /var/log/nginx/access.log; tail -f /var/log/nginx/access.log"]
                volumeMounts:
                - name: logs
                  mountPath: /var/log/nginx
            """);
        await Ready("sidecar", "web");
        // Containers of one pod talk over localhost.
        var page = await Ok("exec", "-n", "sidecar", "web", "-c", "log-tailer", "--", "wget", "-qO-", "http://localhost/");
        Assert.Contains("Welcome to nginx!", page);
        await Poll.Until(() => Ok("logs", "-n", "sidecar", "web", "-c", "log-tailer"), s => s.Contains("\"GET / HTTP/1.1\" 200"),
            "the nginx request in the sidecar's logs");
    }

    [Fact]
    public async Task The_seed_log_forwarder_reads_what_the_app_writes_to_the_shared_volume()
    {
        await Ok("create", "namespace", "applog");
        await Apply($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: app-pod
              namespace: applog
            spec:
              nodeName: {{Worker2}}
              terminationGracePeriodSeconds: 1
              volumes:
              - name: app-logs
                emptyDir: {}
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo \"line $i from app\" >> /var/log/app/application.log; sleep 0.3; done"]
                volumeMounts:
                - name: app-logs
                  mountPath: /var/log/app
              - name: log-forwarder
                image: busybox:1.36
                command: ["sh", "-c", "sleep 1; tail -f /var/log/app/application.log"]
                volumeMounts:
                - name: app-logs
                  mountPath: /var/log/app
            """);
        await Ready("applog", "app-pod");
        var ls = await Ok("exec", "-n", "applog", "app-pod", "-c", "app", "--", "ls", "-la", "/var/log/app");
        Assert.Contains("application.log", ls);
        await Poll.Until(() => Ok("logs", "-n", "applog", "app-pod", "-c", "log-forwarder", "--tail=3"), s => s.Contains("from app"),
            "the app's lines in the forwarder's logs");
        // `kubectl logs -f` streams: new lines arrive while it runs.
        using var follow = StartKubectl("logs", "-f", "-n", "applog", "app-pod", "-c", "log-forwarder", "--tail=1");
        var lines = await follow.WaitForLinesAsync(3);
        Assert.Equal(3, lines.Distinct().Count());
        Assert.All(lines, l => Assert.Contains("from app", l));
    }

    [Fact]
    public async Task An_nginx_pod_serves_the_page_of_its_configMap_and_port_forward_reaches_it_from_the_host()
    {
        await Ok("create", "namespace", "pages");
        await Apply($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: site
              namespace: pages
            data:
              index.html: "<h1>served from a ConfigMap</h1>\n"
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: site
              namespace: pages
            spec:
              terminationGracePeriodSeconds: 1
              volumes:
              - name: html
                configMap:
                  name: site
              containers:
              - name: nginx
                image: nginx
                ports:
                - containerPort: 80
                volumeMounts:
                - name: html
                  mountPath: /usr/share/nginx/html
            """);
        var ip = await Ready("pages", "site");
        var direct = await Run("curl", "-s", "--max-time", "5", $"http://{ip}/");
        Assert.Contains("served from a ConfigMap", direct.Stdout);

        var port = FreeLoopbackPort();
        using var forward = StartKubectl("port-forward", "-n", "pages", "pod/site", $"{port}:80");
        await forward.WaitForLinesAsync(1); // "Forwarding from 127.0.0.1:<port> -> 80"
        var viaForward = await Poll.Until(() => Run("curl", "-s", "--max-time", "5", $"http://127.0.0.1:{port}/"),
            r => r.ExitCode == 0, "curl through kubectl port-forward");
        Assert.Contains("served from a ConfigMap", viaForward.Stdout);
    }

    [Fact]
    public async Task A_failing_readiness_probe_takes_the_pod_out_of_its_service_and_back()
    {
        await Ok("create", "namespace", "ready");
        await Apply($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: flappy
              namespace: ready
              labels:
                app: flappy
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:1.36
                command: ["sh", "-c", "touch /tmp/ready; sleep 3600"]
                readinessProbe:
                  exec:
                    command: ["cat", "/tmp/ready"]
                  periodSeconds: 1
                  failureThreshold: 1
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: flappy
              namespace: ready
            spec:
              selector:
                app: flappy
              ports:
              - port: 80
            """);
        var ip = await Ready("ready", "flappy");
        Task<string> Addresses() => Ok("get", "endpoints", "flappy", "-n", "ready", "-o", "jsonpath={.subsets[*].addresses[*].ip}");
        await Poll.Until(Addresses, s => s.Trim() == ip, "the ready pod in the endpoints");
        await Ok("exec", "-n", "ready", "flappy", "--", "rm", "/tmp/ready");
        await Poll.Until(Addresses, s => s.Trim().Length == 0, "the unready pod out of the endpoints");
        await Ok("exec", "-n", "ready", "flappy", "--", "touch", "/tmp/ready");
        await Poll.Until(Addresses, s => s.Trim() == ip, "the pod back in the endpoints");
    }

    [Fact]
    public async Task A_missing_program_shows_as_kubernetes_shows_it()
    {
        await Ok("create", "namespace", "broken");
        await Apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: typo
              namespace: broken
            spec:
              containers:
              - name: main
                image: busybox:1.36
                command: ["sleeep", "3600"]
            """);
        var status = await Poll.Until(() => Ok("get", "pod", "typo", "-n", "broken", "--no-headers"),
            s => s.Contains("CrashLoopBackOff") || s.Contains("RunContainerError") || s.Contains("StartError"), "the pod failing to start");
        Assert.DoesNotContain("Running", status);
        var events = await Ok("get", "events", "-n", "broken", "--field-selector", "involvedObject.name=typo");
        Assert.Contains("executable file not found", events);
    }

    [Fact]
    public async Task A_missing_configMap_volume_keeps_the_pod_creating_with_the_kubelets_FailedMount_until_it_exists()
    {
        await Ok("create", "namespace", "mounts");
        await Apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: waits
              namespace: mounts
            spec:
              terminationGracePeriodSeconds: 1
              volumes:
              - name: cfg
                configMap:
                  name: late
              containers:
              - name: main
                image: busybox:1.36
                command: ["sh", "-c", "echo \"$(cat /etc/cfg/greeting)\"; sleep 3600"]
                volumeMounts:
                - name: cfg
                  mountPath: /etc/cfg
            """);
        await Poll.Until(() => Ok("get", "events", "-n", "mounts", "--field-selector", "involvedObject.name=waits"),
            s => s.Contains("FailedMount") && s.Contains("MountVolume.SetUp failed for volume \"cfg\" : configmap \"late\" not found"),
            "the kubelet's FailedMount event");
        Assert.Contains("ContainerCreating", await Ok("get", "pod", "waits", "-n", "mounts", "--no-headers"));
        await Ok("create", "configmap", "late", "-n", "mounts", "--from-literal=greeting=hello from a late ConfigMap");
        await Ready("mounts", "waits");
        Assert.Contains("hello from a late ConfigMap", await Ok("logs", "-n", "mounts", "waits"));
    }

    [Fact]
    public async Task Exec_it_gives_a_real_terminal()
    {
        await Ok("create", "namespace", "tty");
        await Apply(Busybox("tty", "term", Worker1));
        await Ready("tty", "term");
        var session = "kinet-" + cluster.Name;
        var env = string.Join(' ', cluster.ProcessEnvironment.Select(kv => $"{kv.Key}={kv.Value}").Where(s => !s.StartsWith("TERM=")));
        var start = await Run("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "30",
            $"env {env} TERM=xterm {KinetCluster.KubectlPath} --cache-dir {cluster.KubectlCacheDir} exec -it -n tty term -- sh");
        Assert.True(start.ExitCode == 0, start.ToString());
        try
        {
            await Task.Delay(1000);
            await Run("tmux", "send-keys", "-t", session, "echo $((6*7)) $(tty) $(stty size)", "Enter");
            var screen = await Poll.Until(() => Run("tmux", "capture-pane", "-p", "-t", session), r => r.Stdout.Contains("42 /dev/pts/"),
                "the shell's answer in the terminal");
            Assert.Contains("30 120", screen.Stdout);
            await Run("tmux", "send-keys", "-t", session, "exit", "Enter");
        }
        finally
        {
            await Run("tmux", "kill-session", "-t", session);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static Task<KubectlResult> Run(string file, params string[] args) =>
        ProcessRunner.RunAsync(file, args, new Dictionary<string, string>());

    private RunningCommand StartKubectl(params string[] args) =>
        RunningCommand.Start(KinetCluster.KubectlPath, ["--cache-dir", cluster.KubectlCacheDir, .. args], cluster.ProcessEnvironment);
}
