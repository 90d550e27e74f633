// One pod on the node, as the kubelet's pod worker runs it: a single sync loop (kuberuntime SyncPod) woken by container
// exits, probe results and back-off timers, which starts init containers in order, each to success, then the regular
// containers; restarts what the restartPolicy restarts, through the CrashLoopBackOff back-off; kills containers whose
// liveness or startup probe failed; and publishes the pod's state after each pass. Only the loop changes what runs;
// probe workers only record results and wake it. Once StopAsync begins nothing is started, probed or restarted.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kinet.Controllers.Events;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes.Lifecycle;

internal sealed class PodRun
{
    private readonly JsonObject _pod;
    private readonly PodNetwork _network;
    private readonly Action<PodEvent>? _events;
    private readonly Action<string> _changed;
    private readonly TimeSpan _configRetry;
    private readonly ContainerSlot[] _init;
    private readonly ContainerSlot[] _containers;
    private readonly CrashLoopBackOff _backoff = new();
    private readonly Channel<bool> _kicks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private readonly ConcurrentDictionary<Task, byte> _probes = new();
    private readonly string _restartPolicy;
    private readonly string _podText;
    private Task _loop = Task.CompletedTask;
    private volatile PodRunState _state;
    private volatile bool _stopping;
    private bool _initialized;

    public PodRun(JsonObject pod, PodNetwork network, IPodSandbox sandbox, IProber prober, TimeProvider clock, Action<PodEvent>? events,
        Action<string> log, Action<string> changed, TimeSpan configRetry)
    {
        _pod = pod;
        _network = network;
        Sandbox = sandbox;
        Prober = prober;
        Clock = clock;
        _events = events;
        Log = log;
        _changed = changed;
        _configRetry = configRetry;
        Uid = Str(pod["metadata"]?["uid"]);
        _restartPolicy = Str(pod["spec"]?["restartPolicy"]) is { Length: > 0 } p ? p : "Always";
        _podText = $"{Str(pod["metadata"]?["name"])}_{Str(pod["metadata"]?["namespace"])}({Uid})";
        _init = Specs("initContainers").Select(c => new ContainerSlot(c, init: true)).ToArray();
        _containers = Specs("containers").Select(c => new ContainerSlot(c, init: false)).ToArray();
        PodIP = network.PodIPs.Count > 0 ? network.PodIPs[0].ToString() : "";
        _state = Snapshot();
    }

    public string Uid { get; }
    public IPodSandbox Sandbox { get; }
    public IProber Prober { get; }
    public TimeProvider Clock { get; }
    public Action<string> Log { get; }
    public string PodIP { get; }
    public object Gate { get; } = new();
    public PodRunState State => _state;

    /// <summary>The first pass (starts the first containers) and then the loop; returns the state after the first pass.</summary>
    public async Task<PodRunState> StartAsync()
    {
        await SyncAsync(raise: false).ConfigureAwait(false);
        var first = _state;
        _loop = Task.Run(LoopAsync);
        return first;
    }

    /// <summary>Asks the loop for another pass (coalesced).</summary>
    public void Kick()
    {
        if (!_stopping) _kicks.Writer.TryWrite(true);
    }

    public void Event(string type, string reason, string message)
    {
        if (!_stopping || reason == "Killing") _events?.Invoke(new PodEvent(_pod, _network.NodeName, type, reason, message));
    }

    /// <summary>Stops every container in parallel (each given <paramref name="grace"/>) and removes the sandbox.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken ct)
    {
        _stopping = true;
        _kicks.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var timer in _timers.Keys) timer.Dispose();
        try { await _loop.ConfigureAwait(false); } catch (Exception e) { Log($"pod {_podText} sync loop: {e.Message}"); }
        try { await Task.WhenAll(_probes.Keys).ConfigureAwait(false); } catch (Exception e) { Log($"pod {_podText} probes: {e.Message}"); }
        IContainerHandle[] running;
        lock (Gate) running = _init.Concat(_containers).Select(s => s.Handle).OfType<IContainerHandle>().Where(h => !h.Exited.IsCompleted).ToArray();
        await Task.WhenAll(running.Select(h => h.StopAsync(grace, ct))).ConfigureAwait(false);
        await Sandbox.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var _ in _kicks.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                await SyncAsync(raise: true).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    private async Task SyncAsync(bool raise)
    {
        try
        {
            await SyncStepsAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
        catch (Exception e) { Log($"pod {_podText} sync: {e}"); }
        if (_stopping) return;
        var state = Snapshot();
        var changed = !state.SameAs(_state);
        _state = state;
        if (changed && raise) _changed(Uid);
    }

    private async Task SyncStepsAsync(CancellationToken ct)
    {
        lock (Gate)
            foreach (var slot in _init.Concat(_containers))
                if (slot.Running && slot.Handle!.Exited.IsCompleted) slot.Exit = slot.Handle.Exited.Result;

        foreach (var slot in _containers.Concat(_init.Where(i => i.Sidecar)))
        {
            string? kill;
            IContainerHandle? handle;
            lock (Gate) (kill, handle) = slot.Running ? (slot.KillMessage, slot.Handle) : (null, null);
            if (kill is null || handle is null) continue;
            Event(EventRecorder.Normal, "Killing", _restartPolicy == "Never" && !slot.Sidecar ? kill : kill + ", will be restarted");
            await handle.StopAsync(KillGrace(slot, kill), ct).ConfigureAwait(false);
            var exit = await handle.Exited.WaitAsync(ct).ConfigureAwait(false);
            lock (Gate)
            {
                slot.Exit = exit;
                slot.KillMessage = null;
            }
        }

        if (!_initialized)
        {
            foreach (var slot in _init)
            {
                if (slot.Sidecar)
                {
                    // The next init container waits until the sidecar has started (its startup probe passed).
                    bool up;
                    lock (Gate) up = slot.Running;
                    if (!up) await TryStartAsync(slot, ct).ConfigureAwait(false);
                    lock (Gate) up = slot.Running && slot.StartupPassed;
                    if (up) continue;
                    return;
                }
                bool succeeded, running, failed;
                lock (Gate) (succeeded, running, failed) = (slot.Succeeded, slot.Running, slot.Created > 0 && !slot.Running);
                if (succeeded) continue;
                if (running) return;
                if (failed && _restartPolicy == "Never") return; // the pod has failed
                await TryStartAsync(slot, ct).ConfigureAwait(false);
                return;
            }
            _initialized = true;
        }

        foreach (var slot in _init.Where(i => i.Sidecar).Concat(_containers))
        {
            bool start;
            lock (Gate) start = ShouldStart(slot);
            if (start) await TryStartAsync(slot, ct).ConfigureAwait(false);
        }
    }

    // kubecontainer.ShouldContainerBeRestarted for a pod not being deleted.
    private bool ShouldStart(ContainerSlot slot)
    {
        if (slot.Created == 0) return true;
        if (slot.Running) return false;
        if (slot.Sidecar) return true; // sidecars restart whatever the pod's policy
        if (_restartPolicy == "Never") return false;
        return _restartPolicy != "OnFailure" || slot.Exit!.ExitCode != 0;
    }

    private async Task TryStartAsync(ContainerSlot slot, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        ContainerExit? exit;
        int created;
        lock (Gate) (exit, created) = (slot.Exit, slot.Created);
        if (exit is not null)
        {
            if (_backoff.IsInBackOffSince(slot.Name, exit.FinishedAt, now))
            {
                var delay = _backoff.Get(slot.Name);
                lock (Gate)
                {
                    slot.WaitingReason = "CrashLoopBackOff";
                    slot.WaitingMessage = $"back-off {GoDuration.Format(delay)} restarting failed container={slot.Name} pod={_podText}";
                }
                Event(EventRecorder.Warning, "BackOff", $"Back-off restarting failed container {slot.Name} in pod {_podText}");
                After(exit.FinishedAt + delay - now);
                return;
            }
            _backoff.Next(slot.Name, exit.FinishedAt, now);
        }

        Event(EventRecorder.Normal, "Pulled", $"Container image \"{Str(slot.Spec["image"])}\" already present on machine");
        IContainerHandle handle;
        try
        {
            handle = await Sandbox.StartContainerAsync(_pod, slot.Spec, slot.Init, created, ct).ConfigureAwait(false);
        }
        catch (ContainerStartException e) when (e.Reason == ContainerStartException.CreateContainerConfigError)
        {
            lock (Gate)
            {
                slot.WaitingReason = e.Reason;
                slot.WaitingMessage = e.Message;
            }
            Event(EventRecorder.Warning, "Failed", $"Error: {e.Message}");
            After(_configRetry); // the pod worker's retry after a failed sync
            return;
        }
        catch (Exception e) when (e is not ContainerStartException && e is not OperationCanceledException)
        {
            // Anything else the runtime throws is the CRI's CreateContainer failing: retried like a configuration error.
            lock (Gate)
            {
                slot.WaitingReason = "CreateContainerError";
                slot.WaitingMessage = e.Message;
            }
            Event(EventRecorder.Warning, "Failed", $"Error: {e.Message}");
            After(_configRetry);
            return;
        }
        catch (ContainerStartException e)
        {
            Event(EventRecorder.Normal, "Created", $"Created container: {slot.Name}");
            Event(EventRecorder.Warning, "Failed", $"Error: {e.Message}");
            lock (Gate) slot.FailedToStart(e.ContainerId ?? StartErrorId(slot.Name, created), e.Message, Clock.GetUtcNow());
            Kick(); // through the back-off like any container that ended
            return;
        }
        if (_stopping)
        {
            await handle.StopAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        lock (Gate) slot.Started(handle);
        Event(EventRecorder.Normal, "Created", $"Created container: {slot.Name}");
        Event(EventRecorder.Normal, "Started", $"Started container {slot.Name}");
        _ = handle.Exited.ContinueWith(_ => Kick(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        StartProbes(slot, handle);
    }

    private void StartProbes(ContainerSlot slot, IContainerHandle handle)
    {
        ProbeWorker? readiness = null;
        foreach (var spec in new[] { slot.Startup, slot.Liveness, slot.Readiness })
        {
            if (spec is null) continue;
            var worker = new ProbeWorker(this, slot, spec, handle.Id, handle.StartedAt);
            if (spec.Kind == ProbeKind.Readiness) readiness = worker;
            var task = Task.Run(() => worker.RunAsync(_stop.Token));
            _probes.TryAdd(task, 0);
            _ = task.ContinueWith(t => _probes.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        lock (Gate) slot.ReadinessWorker = readiness;
    }

    /// <summary>Another pass after <paramref name="delay"/> (a back-off ending, a retry).</summary>
    private void After(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) { Kick(); return; }
        if (_stopping) return;
        // Armed after creation so that the callback can find and dispose its own timer.
        ITimer? armed = null;
        armed = Clock.CreateTimer(_state =>
        {
            Kick();
            if (armed is not null && _timers.TryRemove(armed, out _)) armed.Dispose();
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timers.TryAdd(armed, 0);
        armed.Change(delay, Timeout.InfiniteTimeSpan);
    }

    // The kill grace of a container failing liveness: the probe's own terminationGracePeriodSeconds, else the pod's.
    private TimeSpan KillGrace(ContainerSlot slot, string killMessage)
    {
        var probeGrace = killMessage.EndsWith("startup probe", StringComparison.Ordinal)
            ? slot.Startup?.TerminationGracePeriodSeconds
            : slot.Liveness?.TerminationGracePeriodSeconds;
        var podGrace = Long(_pod, "spec", "terminationGracePeriodSeconds") ?? 30;
        return TimeSpan.FromSeconds(Math.Max(0, probeGrace ?? podGrace));
    }

    private string StartErrorId(string name, int attempt) =>
        "kinet://" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"start error {Uid} {name} {attempt}")));

    private PodRunState Snapshot()
    {
        lock (Gate)
            return new PodRunState(Sandbox.Id, _init.Select(s => s.Snapshot()).ToArray(), _containers.Select(s => s.Snapshot()).ToArray())
            {
                RecordsContainerEvents = true,
            };
    }

    private IEnumerable<JsonObject> Specs(string field) => (_pod["spec"]?[field] as JsonArray)?.OfType<JsonObject>() ?? [];
}
