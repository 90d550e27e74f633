// kube-scheduler (component "default-scheduler"): pods with no node that ask for the default scheduler are placed with
// Kinet.Model.Scheduling.Scheduler over the informer's nodes and the pods on them, then bound through pods/binding.
// Decisions are taken one at a time (as the scheduling cycle is) and bindings run concurrently; a pod that fits nowhere
// gets a FailedScheduling event and PodScheduled=False, and waits until a node or a pod changes in a way that could
// make room, then is retried after its back-off (1 s doubling to 10 s), or after 5 minutes in any case.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Model.Scheduling;
using Kinet.Model.Workloads;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Scheduling;

public sealed class SchedulerController
{
    public const string Component = "default-scheduler";
    public const string Manager = "kube-scheduler";

    private readonly ControllerContext _ctx;
    private readonly int _workers;
    private readonly Informer _pods;
    private readonly Informer _nodes;
    private readonly WorkQueue<string> _queue;
    private readonly object _decide = new();
    private readonly ConcurrentDictionary<string, byte> _unschedulable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Attempts, DateTimeOffset LastFailure)> _backoff = new(StringComparer.Ordinal);
    private long _moves;

    public SchedulerController(ControllerContext ctx, int workers = 8)
    {
        _ctx = ctx;
        _workers = Math.Max(1, workers);
        _pods = ctx.Informers.For(Resources.Pods);
        _nodes = ctx.Informers.For(Resources.Nodes);
        _queue = new WorkQueue<string>(ctx.Clock);
    }

    public SchedulerCache Cache { get; } = new();

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>podMaxInUnschedulablePodsDuration: an unschedulable pod is retried after this even if nothing changed.</summary>
    public TimeSpan UnschedulableRetry { get; init; } = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken ct)
    {
        _pods.AddHandler(OnPod);
        _nodes.AddHandler(OnNode);
        try
        {
            await _ctx.Informers.WaitForSyncAsync(ct, Resources.Pods, Resources.Nodes).ConfigureAwait(false);
            await KeyWorkers.RunAsync(_queue, _workers, (key, c) => (Task)ReconcileAsync(key, c), _ctx.Log, "scheduler", ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            _queue.Dispose();
        }
    }

    /// <summary>One scheduling attempt for one pod key ("ns/name"), from the informer's copy; true when it was bound.</summary>
    public async Task<bool> ReconcileAsync(string key, CancellationToken ct)
    {
        var slash = key.IndexOf('/');
        var pod = _pods.Get(key[..slash], key[(slash + 1)..]);
        if (pod is null || !NeedsScheduling(pod)) return false;
        var moves = Interlocked.Read(ref _moves);
        SchedulingResult result;
        lock (_decide)
        {
            result = Scheduler.Schedule(pod, Cache.Infos(_nodes.List()));
            if (result.NodeName is { } chosen) Cache.Assume(key, chosen, HostPort.Of(pod));
        }
        if (result.NodeName is not { } node)
        {
            await FailedAsync(pod, key, result.FailureMessage ?? FitError.NoNodesAvailable, moves, ct).ConfigureAwait(false);
            return false;
        }
        var ns = Str(pod["metadata"]?["namespace"]);
        var name = Str(pod["metadata"]?["name"]);
        try
        {
            await _ctx.Client.BindAsync(ns, name, node, Manager, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectConflictException or ObjectNotFoundException)
        {
            Cache.ForgetAssumed(key); // bound elsewhere or gone meanwhile: the informer says which
            return false;
        }
        catch
        {
            Cache.ForgetAssumed(key);
            throw;
        }
        _backoff.TryRemove(key, out _);
        _unschedulable.TryRemove(key, out _);
        _ctx.Events.Record(pod, EventRecorder.Normal, SchedulingResult.ScheduledReason, Scheduler.ScheduledMessage(ns, name, node), Component);
        return true;
    }

    private async Task FailedAsync(JsonObject pod, string key, string message, long moves, CancellationToken ct)
    {
        _ctx.Events.Record(pod, EventRecorder.Warning, SchedulingResult.FailedSchedulingReason, message, Component);
        var now = _ctx.Clock.GetUtcNow();
        _backoff.AddOrUpdate(key, _ => (1, now), (_, b) => (b.Attempts + 1, now));
        _unschedulable[key] = 0;
        // A change that could make room while this attempt ran must not be missed (upstream's moveRequestCycle).
        if (Interlocked.Read(ref _moves) != moves) MoveToActive(key);
        else _queue.AddAfter(key, UnschedulableRetry);
        try
        {
            await WriteUnschedulableConditionAsync(pod, message, now, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectConflictException or ObjectNotFoundException) { } // the next attempt writes it
    }

    // The scheduler's PodScheduled=False condition (reason Unschedulable), written when it changes.
    private async Task WriteUnschedulableConditionAsync(JsonObject pod, string message, DateTimeOffset now, CancellationToken ct)
    {
        var conditions = pod["status"]?["conditions"] as JsonArray;
        var old = conditions?.OfType<JsonObject>().FirstOrDefault(c => Str(c["type"]) == "PodScheduled");
        if (old is not null && Str(old["status"]) == "False" && Str(old["reason"]) == "Unschedulable" && Str(old["message"]) == message) return;
        var updated = pod.DeepClone().AsObject();
        if (updated["status"] is not JsonObject status) updated["status"] = status = new JsonObject();
        if (status["conditions"] is not JsonArray list) status["conditions"] = list = new JsonArray();
        var condition = new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = old is not null && Str(old["status"]) == "False" ? Str(old["lastTransitionTime"]) : Timestamp(now),
            ["reason"] = "Unschedulable",
            ["message"] = message,
        };
        var index = list.Select((c, i) => (c, i)).FirstOrDefault(p => Str(p.c?["type"]) == "PodScheduled", (null, -1)).Item2;
        if (index >= 0) list[index] = condition;
        else list.Add(condition);
        await _ctx.Client.UpdateAsync(Resources.Pods, updated, Manager, "status", ct).ConfigureAwait(false);
    }

    private void OnPod(WatchEvent e)
    {
        var pod = e.Object;
        var key = Key(pod);
        if (e.Type == WatchEventType.Deleted)
        {
            Cache.Forget(key);
            _backoff.TryRemove(key, out _);
            _unschedulable.TryRemove(key, out _);
            if (NodeName(pod).Length > 0) MoveAllToActive(); // room freed on its node
            return;
        }
        Cache.Observe(key, pod);
        if (NodeName(pod).Length > 0)
        {
            _unschedulable.TryRemove(key, out _);
            if (e.Old is { } was && !PodFacts.IsTerminal(was) && PodFacts.IsTerminal(pod))
                MoveAllToActive(); // a finished pod holds nothing
            return;
        }
        if (!NeedsScheduling(pod)) return;
        if (e.Type == WatchEventType.Modified && e.Old is { } old &&
            JsonNode.DeepEquals(old["spec"], pod["spec"]) && JsonNode.DeepEquals(old["metadata"]?["labels"], pod["metadata"]?["labels"]))
            return; // status-only changes (our own condition writes) change nothing for scheduling
        if (_unschedulable.ContainsKey(key)) MoveToActive(key);
        else _queue.Add(key);
    }

    private void OnNode(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted) return;
        if (e.Type == WatchEventType.Modified && e.Old is { } old && !NodeChangeMatters(old, e.Object)) return;
        MoveAllToActive();
    }

    // Heartbeats and the like do not change what fits; labels, taints, unschedulable, capacity and readiness do.
    private static bool NodeChangeMatters(JsonObject old, JsonObject node) =>
        !JsonNode.DeepEquals(old["metadata"]?["labels"], node["metadata"]?["labels"]) ||
        !JsonNode.DeepEquals(old["spec"], node["spec"]) ||
        !JsonNode.DeepEquals(old["status"]?["allocatable"], node["status"]?["allocatable"]) ||
        ReadyStatus(old) != ReadyStatus(node);

    private static string ReadyStatus(JsonObject node) =>
        (node["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Where(c => Str(c["type"]) == "Ready").Select(c => Str(c["status"])).FirstOrDefault() ?? "";

    private void MoveAllToActive()
    {
        Interlocked.Increment(ref _moves);
        foreach (var key in _unschedulable.Keys) MoveToActive(key);
    }

    /// <summary>Back to the active queue once the pod's back-off since its last failure has passed.</summary>
    private void MoveToActive(string key)
    {
        if (!_unschedulable.TryRemove(key, out _)) return;
        if (!_backoff.TryGetValue(key, out var b))
        {
            _queue.Add(key);
            return;
        }
        var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, InitialBackoff.Ticks * (1L << Math.Min(b.Attempts - 1, 20))));
        _queue.AddAfter(key, b.LastFailure + backoff - _ctx.Clock.GetUtcNow());
    }

    /// <summary>The pods this scheduler places: no node yet, schedulerName default-scheduler (or unset), active, no scheduling gates.</summary>
    public static bool NeedsScheduling(JsonObject pod)
    {
        var schedulerName = Str(pod["spec"]?["schedulerName"]);
        return NodeName(pod).Length == 0 && schedulerName is "" or Component && PodFacts.IsActive(pod) &&
               !((pod["spec"]?["schedulingGates"] as JsonArray)?.Count > 0);
    }

    private static string NodeName(JsonObject pod) => Str(pod["spec"]?["nodeName"]);

    private static string Key(JsonObject o) => Str(o["metadata"]?["namespace"]) + "/" + Str(o["metadata"]?["name"]);

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

}
