// A pod's sandbox: the pause process that holds the pod's PID, UTS (hostname) and IPC namespaces inside the pod's
// network namespace: `unshare --pid --fork --uts --ipc -- kinet-pause <hostname> <markers>`, spawned inside the netns
// by NamespaceSpawner.
// The pause is PID 1 of the pod: it reaps orphans, and when it dies the kernel kills every process of the pod, which
// is how StopAsync and the crash cleanup (KillAllAsync) end a pod without knowing its containers.
using System.Text;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

public sealed class PodSandbox : IAsyncDisposable
{
    private readonly Task _unshareExited;

    private PodSandbox(PodSandboxSpec spec, int pausePid, Task unshareExited)
    {
        Spec = spec;
        PausePid = pausePid;
        _unshareExited = unshareExited;
        Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    }

    public PodSandboxSpec Spec { get; }

    /// <summary>A containerd-like 64-hex id for the sandbox.</summary>
    public string Id { get; }

    /// <summary>The pause's pid in the host's PID namespace (the target for nsenter).</summary>
    public int PausePid { get; }

    internal string Dir => ContainerRuntimeRoot.PodDir(Spec.Cluster, Spec.PodId);

    internal static string ClusterMarker(string cluster) => "kinet-cluster=" + cluster;

    public static async Task<PodSandbox> StartAsync(PodSandboxSpec spec, CancellationToken ct)
    {
        var pause = ContainerRuntimeRoot.PausePath(spec.Cluster);
        var markers = new[] { ClusterMarker(spec.Cluster), "kinet-pod=" + spec.PodId };
        List<string> inner = PauseBinary.Native
            ? ["/usr/bin/unshare", "--pid", "--fork", "--uts", "--ipc", "--", pause, spec.Hostname, .. markers]
            : ["/usr/bin/unshare", "--pid", "--fork", "--uts", "--ipc", "--", "/bin/sh", "-c",
               "hostname \"$1\"; while :; do sleep 2147483647; done", "kinet-pause", spec.Hostname, .. markers];
        if (!File.Exists(pause) && PauseBinary.Native)
            throw new InvalidOperationException($"the runtime root of cluster {spec.Cluster} is not mounted (no {pause})");
        Directory.CreateDirectory(ContainerRuntimeRoot.PodDir(spec.Cluster, spec.PodId));
        using var plan = new Spawner.Plan(inner[0], inner, [], Spawner.StdioSource.Null(false), Spawner.StdioSource.Null(true), Spawner.StdioSource.Null(true), newSession: true);
        int pid;
        if (spec.NetnsPath is null) pid = plan.Run();
        else
        {
            var netns = ProcessNative.open(spec.NetnsPath, ProcessNative.O_RDONLY | ProcessNative.O_CLOEXEC);
            if (netns < 0) throw new IOException($"cannot open the network namespace {spec.NetnsPath}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
            try { pid = await NamespaceSpawner.SpawnInAsync(netns, ProcessNative.CLONE_NEWNET, plan).ConfigureAwait(false); }
            finally { ProcessNative.close(netns); }
        }
        var exited = ProcessWatch.WaitChildAsync(pid);
        try
        {
            var pausePid = await FindChildAsync(pid, exited, ct).ConfigureAwait(false)
                ?? throw new IOException($"the pause process of pod {spec.PodId} did not start (exit code {(exited.IsCompleted ? exited.Result : -1)}; is {spec.NetnsPath} a network namespace?)");
            await WaitReadyAsync(pausePid, exited, ct).ConfigureAwait(false);
            return new PodSandbox(spec, pausePid, exited);
        }
        catch
        {
            ProcessNative.kill(pid, ProcessNative.SIGKILL);
            throw;
        }
    }

    /// <summary>Kills the pause and with it every process of the pod, then removes the pod's runtime directory.</summary>
    public async Task StopAsync()
    {
        ProcessNative.kill(PausePid, ProcessNative.SIGKILL);
        await _unshareExited.ConfigureAwait(false);
        try { Directory.Delete(Dir, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { } // a container mount namespace may still be going away; the tmpfs goes with the cluster
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Kills every pause of <paramref name="cluster"/> left on the host (found by its marker argument), so
    /// every process of every pod of the cluster dies; waits until they are gone.</summary>
    public static async Task KillAllAsync(string cluster)
    {
        var marker = ClusterMarker(cluster);
        var waits = new List<Task>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string[] args;
            try { args = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "cmdline"))).Split('\0'); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (!IsPause(args, marker)) continue;
            var gone = ProcessWatch.WaitGoneAsync(pid);
            ProcessNative.kill(pid, ProcessNative.SIGKILL);
            waits.Add(gone);
        }
        await Task.WhenAll(waits).ConfigureAwait(false);
    }

    private static bool IsPause(string[] args, string marker) =>
        args.Length >= 3 && Array.IndexOf(args, marker) >= 0 &&
        (args[0].EndsWith("/kinet-pause", StringComparison.Ordinal) || args[0] == "/bin/sh" && args.Length > 3 && args[3] == "kinet-pause");

    /// <summary>The first child of <paramref name="pid"/> (the pause under `unshare --fork`, the container process under
    /// `nsenter -p`); null when the parent ended first.</summary>
    internal static async Task<int?> FindChildAsync(int pid, Task parentExited, CancellationToken ct)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        for (var attempt = 0; ; attempt++)
        {
            string text;
            try { text = File.ReadAllText(path); }
            catch (IOException) { text = ""; }
            var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (first is not null) return int.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
            if (parentExited.IsCompleted) return null;
            await Task.Delay(attempt < 20 ? 1 : 10, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the pause has set the hostname: it then sleeps in rt_sigtimedwait (syscall 128), which
    /// /proc/<pid>/syscall shows. (SigBlk cannot tell: the kernel unblocks the awaited signal during the wait.)</summary>
    private static async Task WaitReadyAsync(int pausePid, Task parentExited, CancellationToken ct)
    {
        if (!PauseBinary.Native) return;
        for (var attempt = 0; ; attempt++)
        {
            string syscall;
            try { syscall = File.ReadAllText($"/proc/{pausePid}/syscall"); }
            catch (IOException) { throw new IOException("the pause process ended at once"); }
            if (syscall.StartsWith("128 ", StringComparison.Ordinal)) return;
            if (parentExited.IsCompleted) throw new IOException("the pause process ended at once");
            await Task.Delay(attempt < 20 ? 1 : 10, ct).ConfigureAwait(false);
        }
    }
}
