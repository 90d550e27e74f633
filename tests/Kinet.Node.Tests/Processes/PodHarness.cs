// Brings up what a process test needs under a unique test cluster name (`t` + 6 hex): the runtime tmpfs, optionally a
// network namespace `kinet-<cluster>-pod` with lo up, a log directory; Dispose removes all of it even after a failure
// (UnmountAsync kills every pause of the cluster, so every container and exec dies with it).
using System.Diagnostics;
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

internal sealed class PodHarness : IAsyncDisposable
{
    private readonly List<string> _netns = [];

    private PodHarness(string cluster)
    {
        Cluster = cluster;
        LogDir = Path.Combine(Path.GetTempPath(), "kinet-test-" + cluster);
        Directory.CreateDirectory(LogDir);
    }

    public string Cluster { get; }
    public string LogDir { get; }

    public static async Task<PodHarness> StartAsync()
    {
        RootOnly.Require();
        var h = new PodHarness("t" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)));
        await ContainerRuntimeRoot.MountAsync(h.Cluster);
        return h;
    }

    /// <summary>A fresh network namespace with only lo (up); its path for the sandbox.</summary>
    public string AddNetns(string suffix)
    {
        var name = $"kinet-{Cluster}-{suffix}";
        _netns.Add(name);
        Run("ip", "netns", "add", name);
        Run("ip", "-n", name, "link", "set", "lo", "up");
        return "/run/netns/" + name;
    }

    public Task<PodSandbox> SandboxAsync(string podId, string? netns, string hostname = "pod-a") =>
        PodSandbox.StartAsync(new PodSandboxSpec(Cluster, podId, netns, hostname), CancellationToken.None);

    public ContainerSpec Spec(string name, params string[] argv) => new(
        name, argv, [new("PATH", ContainerView.DefaultPath)], null, [], [], false, false, false,
        Path.Combine(LogDir, name, "0.log"));

    public static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        await ContainerRuntimeRoot.UnmountAsync(Cluster);
        foreach (var ns in _netns) Run("ip", "netns", "delete", ns);
        Directory.Delete(LogDir, recursive: true);
    }
}
