// The kubelets of every node of the cluster, in one controller (component "kubelet", event host = the node): for each
// pod bound to a node it takes an address from the node's pod CIDR (hostNetwork pods use the node's), has the node
// agent run it and writes the status a kubelet writes; for a pod marked for deletion it stops it through the agent and
// then deletes it with grace 0, which is how graceful deletion completes. An address goes back to the node's pool when
// the pod object is gone. Pods with restartPolicy Never/OnFailure stay Running with the simulated agent (nothing exits).
using Kinet.Model.Workloads;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Model.Networking;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes;

public sealed class KubeletController
{
    public const string Component = "kubelet";
    public const string Manager = "kubelet";

    private readonly ControllerContext _ctx;
    private readonly INodeAgent _agent;
    private readonly int _workers;
    private readonly Informer _pods;
    private readonly Informer _nodes;
    private readonly WorkQueue<string> _queue;
    private readonly ConcurrentDictionary<string, string> _uidByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _keyByUid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _waitingForAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _waitingForNode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _killed = new(StringComparer.Ordinal);
    // The last status written per pod uid with the resourceVersion it got: the informer's copy may not show it yet.
    private readonly ConcurrentDictionary<string, (long Version, JsonObject Status)> _written = new(StringComparer.Ordinal);

    public KubeletController(ControllerContext ctx, INodeAgent agent, PodAddressBook? addresses = null, int workers = 8)
    {
        _ctx = ctx;
        _agent = agent;
        _workers = Math.Max(1, workers);
        Addresses = addresses ?? new PodAddressBook();
        _pods = ctx.Informers.For(Resources.Pods);
        _nodes = ctx.Informers.For(Resources.Nodes);
        _queue = new WorkQueue<string>(ctx.Clock);
    }

    public PodAddressBook Addresses { get; }

    /// <summary>How long a pod whose sandbox could not be made waits before the next try (the kubelet's pod resync),
    /// unless an address on its node is freed first.</summary>
    public TimeSpan SandboxRetry { get; init; } = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken ct)
    {
        _pods.AddHandler(OnPod);
        _nodes.AddHandler(OnNode);
        _agent.PodStateChanged += OnAgentChange;
        try
        {
            await _ctx.Informers.WaitForSyncAsync(ct, Resources.Pods, Resources.Nodes).ConfigureAwait(false);
            Rebuild();
            await KeyWorkers.RunAsync(_queue, _workers, ReconcileAsync, _ctx.Log, "kubelet", ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            _agent.PodStateChanged -= OnAgentChange;
            _queue.Dispose();
        }
    }

    /// <summary>Learns the nodes' CIDRs and the addresses running pods already have (daemon start), before any pod gets a new one.</summary>
    public void Rebuild()
    {
        foreach (var node in _nodes.List())
            if (PodCidr(node) is { } cidr) Addresses.SetNode(Name(node), cidr);
        foreach (var pod in _pods.List())
        {
            var nodeName = NodeName(pod);
            if (nodeName.Length == 0 || IsHostNetwork(pod) || IsTerminal(pod)) continue;
            if (!IP.TryParse(Str(pod["status"]?["podIP"]), out var ip)) continue;
            if (Addresses.Restore(nodeName, Uid(pod), ip)) Track(Key(pod), Uid(pod));
        }
    }

    /// <summary>One step for one pod key ("ns/name"), from the informer's copy.</summary>
    public async Task ReconcileAsync(string key, CancellationToken ct)
    {
        var slash = key.IndexOf('/');
        var pod = _pods.Get(key[..slash], key[(slash + 1)..]);
        var uid = pod is null ? null : Uid(pod);
        if (_uidByKey.TryGetValue(key, out var previous) && previous != uid) await ForgetAsync(key, previous, ct).ConfigureAwait(false);
        if (pod is null || uid is null) return;
        var nodeName = NodeName(pod);
        if (nodeName.Length == 0) return;
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            await TerminateAsync(pod, uid, ct).ConfigureAwait(false);
            return;
        }
        if (IsTerminal(pod))
        {
            await ForgetAsync(key, uid, ct).ConfigureAwait(false); // the sandbox of a finished pod is torn down
            return;
        }
        var node = _nodes.Get(null, nodeName);
        if (node is null)
        {
            _waitingForNode.TryAdd(key, 0); // bound to a node that has not registered (yet)
            return;
        }
        _waitingForNode.TryRemove(key, out _);
        Track(key, uid);
        await SyncAsync(pod, key, uid, node, nodeName, ct).ConfigureAwait(false);
    }

    private async Task SyncAsync(JsonObject pod, string key, string uid, JsonObject node, string nodeName, CancellationToken ct)
    {
        var hostIPs = InternalIPs(node);
        var hostNetwork = IsHostNetwork(pod);
        IReadOnlyList<IP> podIPs;
        IP? gateway = null;
        if (hostNetwork) podIPs = hostIPs;
        else
        {
            if (PodCidr(node) is { } cidr) Addresses.SetNode(nodeName, cidr);
            var address = Addresses.Allocate(nodeName, uid);
            if (!address.Succeeded)
            {
                WaitForAddress(nodeName, key);
                await SandboxFailedAsync(pod, key, nodeName, hostIPs, new PodStartException(
                    $"failed to setup network for sandbox \"{SandboxId(uid)}\": plugin type=\"ptp\" failed (add): failed to allocate for range 0: {address.Error}"),
                    ct).ConfigureAwait(false);
                return;
            }
            podIPs = [address.Value];
            gateway = Addresses.Gateway(nodeName);
        }

        var known = _agent.GetPodState(uid);
        PodRunState state;
        try
        {
            state = await _agent.StartPodAsync(pod, new PodNetwork(nodeName, podIPs, hostIPs, hostNetwork) { Gateway = gateway }, ct).ConfigureAwait(false);
        }
        catch (PodStartException e)
        {
            await SandboxFailedAsync(pod, key, nodeName, hostIPs, e, ct).ConfigureAwait(false);
            return;
        }
        StopWaiting(nodeName, key);
        if (known is null && !state.RecordsContainerEvents && !StatusShows(pod, state)) RecordStarted(pod, nodeName, state);
        await WriteStatusAsync(pod, KubeletPodStatus.Build(pod, hostIPs, podIPs, state, _ctx.Clock.GetUtcNow()), ct).ConfigureAwait(false);
    }

    private async Task SandboxFailedAsync(JsonObject pod, string key, string nodeName, IReadOnlyList<IP> hostIPs, PodStartException failure,
        CancellationToken ct)
    {
        if (failure.Reason is { } reason)
            _ctx.Events.Record(pod, EventRecorder.Warning, reason, failure.Message, Component, nodeName);
        else
            _ctx.Events.Record(pod, EventRecorder.Warning, "FailedCreatePodSandBox",
                $"Failed to create pod sandbox: rpc error: code = Unknown desc = {failure.Message}", Component, nodeName);
        _queue.AddAfter(key, SandboxRetry);
        await WriteStatusAsync(pod, KubeletPodStatus.Build(pod, hostIPs, [], null, _ctx.Clock.GetUtcNow()), ct).ConfigureAwait(false);
    }

    private async Task TerminateAsync(JsonObject pod, string uid, CancellationToken ct)
    {
        var nodeName = NodeName(pod);
        if (_agent.GetPodState(uid) is { } state && _killed.TryAdd(uid, 0))
            foreach (var c in state.Containers.Where(c => c.Phase == ContainerPhase.Running))
                _ctx.Events.Record(pod, EventRecorder.Normal, "Killing", $"Stopping container {c.Name}", Component, nodeName);
        var grace = pod["metadata"]?["deletionGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;
        await _agent.StopPodAsync(uid, TimeSpan.FromSeconds(Math.Max(0, grace)), ct).ConfigureAwait(false);
        try
        {
            await _ctx.Client.DeleteAsync(Resources.Pods, Str(pod["metadata"]?["namespace"]), Str(pod["metadata"]?["name"]),
                new ObjectDeleteOptions(GracePeriodSeconds: 0, PreconditionUid: uid), ct).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException) { }
        // The address goes back when the informer sees the object gone (finalizers may keep it a while).
    }

    /// <summary>Stops what ran for a pod uid that is gone or finished and gives its address back.</summary>
    private async Task ForgetAsync(string key, string uid, CancellationToken ct)
    {
        await _agent.StopPodAsync(uid, TimeSpan.Zero, ct).ConfigureAwait(false);
        ReleaseAddress(uid);
        _uidByKey.TryRemove(new KeyValuePair<string, string>(key, uid));
        _keyByUid.TryRemove(uid, out _);
        _killed.TryRemove(uid, out _);
        _written.TryRemove(uid, out _);
        foreach (var waiting in _waitingForAddress.Values) waiting.TryRemove(key, out _);
    }

    private void ReleaseAddress(string uid)
    {
        if (!Addresses.Release(uid)) return;
        // Pods waiting on a full node may fit now (waiting pods are rare: wake them all rather than track their nodes).
        foreach (var node in _waitingForAddress.Keys) Wake(node);
    }

    private async Task WriteStatusAsync(JsonObject pod, JsonObject status, CancellationToken ct)
    {
        // Compare with the newest status known: when the agent's state flips back before the informer has seen the
        // previous write, the cached copy equals the new status while the stored one does not.
        var uid = Uid(pod);
        var current = _written.TryGetValue(uid, out var last) && last.Version > ResourceVersion(pod) ? last.Status : pod["status"];
        if (JsonNode.DeepEquals(current, status)) return;
        var updated = pod.DeepClone().AsObject();
        updated["status"] = status;
        var written = await _ctx.Client.UpdateAsync(Resources.Pods, updated, Manager, "status", ct).ConfigureAwait(false);
        if (written["status"] is JsonObject stored) _written[uid] = (ResourceVersion(written), stored);
    }

    private void RecordStarted(JsonObject pod, string nodeName, PodRunState state)
    {
        IEnumerable<JsonObject> Specs(string field) => (pod["spec"]?[field] as JsonArray)?.OfType<JsonObject>() ?? [];
        var specs = Specs("initContainers").Concat(Specs("containers"));
        var started = state.InitContainers.Concat(state.Containers).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var c in specs)
        {
            var name = Str(c["name"]);
            if (!started.Contains(name)) continue;
            _ctx.Events.Record(pod, EventRecorder.Normal, "Pulled", $"Container image \"{Str(c["image"])}\" already present on machine", Component, nodeName);
            _ctx.Events.Record(pod, EventRecorder.Normal, "Created", $"Created container: {name}", Component, nodeName);
            _ctx.Events.Record(pod, EventRecorder.Normal, "Started", $"Started container {name}", Component, nodeName);
        }
    }

    /// <summary>True when the stored status already shows these containers (a pod re-adopted after a restart): no new events then.</summary>
    private static bool StatusShows(JsonObject pod, PodRunState state)
    {
        var ids = (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().Select(s => Str(s["containerID"])).ToHashSet(StringComparer.Ordinal);
        return ids is { Count: > 0 } && state.Containers.All(c => ids.Contains(c.ContainerId));
    }

    private void OnPod(WatchEvent e)
    {
        var key = Key(e.Object);
        if (e.Type == WatchEventType.Deleted)
        {
            ReleaseAddress(Uid(e.Object));
            _queue.Add(key);
            return;
        }
        if (NodeName(e.Object).Length == 0 && !_uidByKey.ContainsKey(key)) return;
        if (e.Type == WatchEventType.Modified && e.Old is { } old && !Relevant(old, e.Object)) return;
        _queue.Add(key);
    }

    // Status-only changes (most of them the kubelet's own writes) need no work.
    private static bool Relevant(JsonObject old, JsonObject pod) =>
        NodeName(old) != NodeName(pod) || Uid(old) != Uid(pod) ||
        !JsonNode.DeepEquals(old["metadata"]?["deletionTimestamp"], pod["metadata"]?["deletionTimestamp"]) ||
        !JsonNode.DeepEquals(old["metadata"]?["deletionGracePeriodSeconds"], pod["metadata"]?["deletionGracePeriodSeconds"]) ||
        Str(old["status"]?["phase"]) != Str(pod["status"]?["phase"]);

    private void OnNode(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted) return;
        if (PodCidr(e.Object) is { } cidr) Addresses.SetNode(Name(e.Object), cidr);
        foreach (var key in _waitingForNode.Keys)
            if (_waitingForNode.TryRemove(key, out _)) _queue.Add(key);
        Wake(Name(e.Object));
    }

    private void OnAgentChange(string uid)
    {
        if (_keyByUid.TryGetValue(uid, out var key)) _queue.Add(key);
    }

    private void Track(string key, string uid)
    {
        _uidByKey[key] = uid;
        _keyByUid[uid] = key;
    }

    private void WaitForAddress(string node, string key) =>
        _waitingForAddress.GetOrAdd(node, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(key, 0);

    private void StopWaiting(string node, string key)
    {
        if (_waitingForAddress.TryGetValue(node, out var waiting)) waiting.TryRemove(key, out _);
    }

    private void Wake(string node)
    {
        if (!_waitingForAddress.TryGetValue(node, out var waiting)) return;
        foreach (var key in waiting.Keys)
            if (waiting.TryRemove(key, out _)) _queue.Add(key);
    }

    private static string SandboxId(string uid) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("sandbox " + uid)));

    private static IReadOnlyList<IP> InternalIPs(JsonObject node) =>
        (node["status"]?["addresses"] as JsonArray)?.OfType<JsonObject>()
            .Where(a => Str(a["type"]) == "InternalIP")
            .Select(a => IP.TryParse(Str(a["address"]), out var ip) ? ip : (IP?)null)
            .OfType<IP>().ToArray() ?? [];

    private static Cidr? PodCidr(JsonObject node) => Cidr.TryParse(Str(node["spec"]?["podCIDR"]), out var c) ? c : null;

    private static bool IsHostNetwork(JsonObject pod) => pod["spec"]?["hostNetwork"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool IsTerminal(JsonObject pod) => PodFacts.IsTerminal(pod);

    private static string NodeName(JsonObject pod) => Str(pod["spec"]?["nodeName"]);

    private static string Uid(JsonObject o) => Str(o["metadata"]?["uid"]);

    private static string Name(JsonObject o) => Str(o["metadata"]?["name"]);

    private static string Key(JsonObject o) => Str(o["metadata"]?["namespace"]) + "/" + Name(o);

}
