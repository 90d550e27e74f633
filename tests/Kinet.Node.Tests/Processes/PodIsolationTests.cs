// What the containers of one pod share (network, hostname, processes, shared volumes) and what they do not (their
// writable layer); and that nothing of theirs reaches the host's files.
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

public sealed class PodIsolationTests
{
    [Fact]
    public async Task Containers_of_a_pod_talk_over_localhost_in_the_pods_network_namespace()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", h.AddNetns("p1"));
        var server = h.Spec("web", "busybox", "httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/www") with
        {
            Files = [new("/www/index.html", "hello from web\n"u8.ToArray(), null, 0x1a4)],
        };
        await Container.StartAsync(pod, server, CancellationToken.None);
        var client = await Container.StartAsync(pod, h.Spec("client", "sleep", "1000"), CancellationToken.None);
        var (code, output, _) = await ProcessText.ExecAsync(client, "sh", "-c",
            "for i in $(seq 50); do wget -qO- http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; exit 1");
        Assert.Equal((0, "hello from web\n"), (code, output));
        var (_, links, _) = await ProcessText.ExecAsync(client, "ip", "-o", "link");
        Assert.Equal("lo", Assert.Single(links.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split(':')[1].Trim());
    }

    [Fact]
    public async Task Containers_see_only_the_pods_processes_and_its_hostname()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null, hostname: "web-0");
        await Container.StartAsync(pod, h.Spec("a", "sleep", "1001"), CancellationToken.None);
        var b = await Container.StartAsync(pod, h.Spec("b", "sleep", "1002"), CancellationToken.None);
        var (_, ps, _) = await ProcessText.ExecAsync(b, "ps", "-eo", "pid,args", "--no-headers");
        var lines = ps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.StartsWith("1 /run/kinet/" + h.Cluster + "/bin/kinet-pause web-0", lines[0]);
        Assert.Contains(lines, l => l.EndsWith("sleep 1001", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("sleep 1002", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count); // pause, both sleeps, ps itself
        Assert.Equal((0, "web-0\n", ""), await ProcessText.ExecAsync(b, "hostname"));
    }

    [Fact]
    public async Task A_containers_writes_stay_in_its_layer_unless_on_a_shared_volume()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var shared = Path.Combine(h.LogDir, "empty-dir");
        Directory.CreateDirectory(shared);
        var volume = new BindMount(shared, "/var/log/app", false);
        var a = await Container.StartAsync(pod, h.Spec("a", "sleep", "1000") with { Mounts = [volume] }, CancellationToken.None);
        var b = await Container.StartAsync(pod, h.Spec("b", "sleep", "1000") with { Mounts = [volume] }, CancellationToken.None);
        var marker = "kinet-" + h.Cluster;
        Assert.Equal(0, (await ProcessText.ExecAsync(a, "sh", "-c", $"echo private > /etc/{marker} && echo shared > /var/log/app/log.txt")).Code);
        Assert.False(File.Exists("/etc/" + marker));
        Assert.Equal(1, (await ProcessText.ExecAsync(b, "cat", "/etc/" + marker)).Code);
        Assert.Equal((0, "shared\n", ""), await ProcessText.ExecAsync(b, "cat", "/var/log/app/log.txt"));
        Assert.Equal("shared\n", File.ReadAllText(Path.Combine(shared, "log.txt")));
    }

    [Fact]
    public async Task A_read_only_volume_cannot_be_written()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var config = Path.Combine(h.LogDir, "config");
        Directory.CreateDirectory(config);
        var c = await Container.StartAsync(pod, h.Spec("a", "sleep", "1000") with { Mounts = [new(config, "/etc/config", true)] }, CancellationToken.None);
        var (code, _, err) = await ProcessText.ExecAsync(c, "sh", "-c", "echo x > /etc/config/new");
        Assert.NotEqual(0, code);
        Assert.Contains("Read-only file system", err);
    }
}
