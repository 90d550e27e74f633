// One probe of one container instance (pkg/kubelet/prober worker.go): first run initialDelaySeconds after the container
// started, then every periodSeconds; a result counts once it repeated successThreshold / failureThreshold times. Liveness
// and readiness wait for the startup probe. A liveness or startup failure marks the container to be killed and the
// worker stops (a restarted container gets new workers, as upstream's onHold until a new container id). Every failed
// run records an Unhealthy event.
namespace Kinet.Controllers.Nodes.Lifecycle;

internal sealed class ProbeWorker(PodRun run, ContainerSlot slot, ProbeSpec spec, string containerId, DateTimeOffset startedAt)
{
    private readonly SemaphoreSlim _trigger = new(0, 1);
    private bool? _lastSuccess;
    private int _resultRun;

    /// <summary>Runs the probe now rather than at the next period (readiness, once the startup probe passed).</summary>
    public void Trigger()
    {
        if (_trigger.CurrentCount == 0) try { _trigger.Release(); } catch (SemaphoreFullException) { }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var first = startedAt + TimeSpan.FromSeconds(spec.InitialDelaySeconds) - run.Clock.GetUtcNow();
            if (first > TimeSpan.Zero) await Task.Delay(first, run.Clock, ct).ConfigureAwait(false);
            while (await ProbeOnceAsync(ct).ConfigureAwait(false))
                await WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e) { run.Log($"{spec.Kind} probe of {slot.Name} stopped: {e.Message}"); }
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(spec.Period, run.Clock, either.Token);
        var trigger = _trigger.WaitAsync(either.Token);
        await Task.WhenAny(delay, trigger).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(delay, trigger).ConfigureAwait(false); } catch (OperationCanceledException) { }
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>One run; false when the worker is done (container gone, startup passed, liveness/startup failed).</summary>
    private async Task<bool> ProbeOnceAsync(CancellationToken ct)
    {
        lock (run.Gate)
        {
            if (slot.ContainerId != containerId || !slot.Running || slot.KillMessage is not null) return false;
            if (spec.Kind == ProbeKind.Startup && slot.StartupPassed) return false;
            if (spec.Kind != ProbeKind.Startup && !slot.StartupPassed) return true;
        }
        ProbeResult result;
        try
        {
            result = await spec.RunAsync(run.Sandbox, run.Prober, run.PodIP, slot.Spec, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // An errored probe's result is thrown away.
            run.Event(Events.EventRecorder.Warning, "Unhealthy", $"{spec.Kind} probe errored and resulted in unknown state: {e.Message}");
            return true;
        }
        ct.ThrowIfCancellationRequested();
        var success = result.Outcome != ProbeOutcome.Failure;
        if (result.Outcome == ProbeOutcome.Warning)
            run.Event(Events.EventRecorder.Warning, "ProbeWarning", $"{spec.Kind} probe warning: {result.Output}");
        else if (!success)
            run.Event(Events.EventRecorder.Warning, "Unhealthy", $"{spec.Kind} probe failed: {result.Output}");

        if (_lastSuccess == success) _resultRun++;
        else
        {
            _lastSuccess = success;
            _resultRun = 1;
        }
        if (_resultRun < (success ? spec.SuccessThreshold : spec.FailureThreshold)) return true;

        bool changed;
        var keepGoing = true;
        lock (run.Gate)
        {
            if (slot.ContainerId != containerId || !slot.Running) return false;
            switch (spec.Kind)
            {
                case ProbeKind.Readiness:
                    changed = slot.ReadyResult != success;
                    slot.ReadyResult = success;
                    break;
                case ProbeKind.Startup when success:
                    changed = true;
                    slot.StartupPassed = true;
                    keepGoing = false;
                    break;
                default:
                    changed = !success;
                    if (!success)
                    {
                        slot.KillMessage = $"Container {slot.Name} failed {(spec.Kind == ProbeKind.Startup ? "startup" : "liveness")} probe";
                        keepGoing = false;
                    }
                    break;
            }
        }
        if (spec.Kind == ProbeKind.Startup && success) slot.ReadinessWorker?.Trigger();
        if (changed) run.Kick();
        return keepGoing;
    }
}
