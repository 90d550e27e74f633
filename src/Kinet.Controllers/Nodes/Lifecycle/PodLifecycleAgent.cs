// The node agent that runs pods as the kubelet does (kuberuntime + prober + status), over an abstract container runtime:
// the host layer supplies real processes in network namespaces, tests a fake. The kubelet controller asks it to start
// and stop pods and writes the status from what it reports; it raises PodStateChanged whenever a container starts, ends,
// waits for another reason or changes readiness.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes.Lifecycle;

public sealed class PodLifecycleAgent(
    IContainerRuntime runtime,
    IProber prober,
    TimeProvider? clock = null,
    Action<PodEvent>? events = null,
    Action<string>? log = null) : INodeAgent
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Action<string> _log = log ?? (_ => { });
    private readonly ConcurrentDictionary<string, PodRun> _pods = new(StringComparer.Ordinal);

    public event Action<string>? PodStateChanged;

    /// <summary>How long a container whose configuration could not be made waits before the next try (the pod worker's
    /// back-off after a failed sync).</summary>
    public TimeSpan ConfigErrorRetry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many pods the agent runs.</summary>
    public int RunningPods => _pods.Count;

    public async Task<PodRunState> StartPodAsync(JsonObject pod, PodNetwork network, CancellationToken ct)
    {
        var uid = Str(pod["metadata"]?["uid"]);
        if (_pods.TryGetValue(uid, out var known)) return known.State;
        var sandbox = await runtime.RunSandboxAsync(pod, network, ct).ConfigureAwait(false);
        var run = new PodRun(pod, network, sandbox, prober, _clock, events, _log, Changed, ConfigErrorRetry);
        if (!_pods.TryAdd(uid, run))
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            return _pods[uid].State;
        }
        return await run.StartAsync().ConfigureAwait(false);
    }

    public PodRunState? GetPodState(string podUid) => _pods.TryGetValue(podUid, out var run) ? run.State : null;

    public async Task StopPodAsync(string podUid, TimeSpan gracePeriod, CancellationToken ct)
    {
        if (_pods.TryRemove(podUid, out var run)) await run.StopAsync(gracePeriod, ct).ConfigureAwait(false);
    }

    private void Changed(string uid) => PodStateChanged?.Invoke(uid);
}
