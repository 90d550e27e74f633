// Graceful stop as the kubelet does it: SIGTERM to the main process, SIGKILL when the grace period is over; and a
// stopped sandbox takes every process of the pod with it.
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

public sealed class StopTests
{
    [Fact]
    public async Task A_container_that_ends_on_SIGTERM_stops_with_143()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var c = await Container.StartAsync(pod, h.Spec("app", "sleep", "1000"), CancellationToken.None);
        await c.StopAsync(TimeSpan.FromMinutes(5)); // would time the test out if SIGTERM were not sent
        Assert.Equal(143, (await c.Exited).ExitCode);
    }

    [Fact]
    public async Task A_container_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var c = await Container.StartAsync(pod, h.Spec("app", "sh", "-c", "trap 'echo got TERM' TERM; echo ready; while :; do sleep 0.05; done"), CancellationToken.None);
        while (!File.ReadAllText(c.Spec.LogPath).Contains("ready", StringComparison.Ordinal)) await Task.Delay(10); // the trap is set
        await c.StopAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(137, (await c.Exited).ExitCode);
        Assert.Contains("got TERM", await ProcessText.LogsAsync(c));
    }

    [Fact]
    public async Task Stopping_the_sandbox_ends_every_process_of_the_pod()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var c = await Container.StartAsync(pod, h.Spec("app", "sh", "-c", "sleep 1000 & sleep 1001"), CancellationToken.None);
        await pod.StopAsync();
        Assert.Equal(137, (await c.Exited).ExitCode);
        Assert.False(Directory.Exists($"/proc/{pod.PausePid}"));
        Assert.False(Directory.Exists($"/proc/{c.Pid}"));
    }

    [Fact]
    public async Task Unmounting_the_runtime_root_without_any_state_leaves_nothing_behind()
    {
        var h = await PodHarness.StartAsync();
        int[] pids;
        try
        {
            var pod = await h.SandboxAsync("p1", h.AddNetns("p1"));
            var c = await Container.StartAsync(pod, h.Spec("app", "sh", "-c", "sleep 1000 & sleep 1001"), CancellationToken.None);
            var exec = await c.ExecAsync(["sleep", "1002"], stdin: false, tty: false, CancellationToken.None);
            pids = [pod.PausePid, c.Pid];
        }
        finally { await h.DisposeAsync(); } // as `kinet down` after kill -9: UnmountAsync(cluster) knows only the name
        foreach (var pid in pids) Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} is still there");
        Assert.DoesNotContain(h.Cluster, File.ReadAllText("/proc/self/mountinfo"));
        Assert.DoesNotContain(h.Cluster, PodHarness.Run("ip", "netns", "list"));
        Assert.False(Directory.Exists(ContainerRuntimeRoot.PathFor(h.Cluster)));
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string cmdline;
            try { cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")); }
            catch (IOException) { continue; }
            Assert.DoesNotContain(h.Cluster, cmdline);
        }
    }
}
