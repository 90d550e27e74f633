// Watches a Deployment's ReplicaSets and pods through the shared informers and remembers the extremes a rollout went
// through: the largest total of ReplicaSet sizes, the fewest ready pods, whether old and new pods ever coexisted.
using System.Text.Json.Nodes;
using Kinet.Controllers.Runtime;
using static Kinet.Controllers.Tests.Workloads.WorkloadCluster;

namespace Kinet.Controllers.Tests.Workloads;

public sealed class RolloutWatcher
{
    private readonly object _gate = new();
    private readonly Informer _sets;
    private readonly Informer _pods;
    private readonly string _deploymentUid;
    private readonly HashSet<string> _initialSets;

    public int MaxSize { get; private set; }
    public int MinReady { get; private set; } = int.MaxValue;
    public bool OldAndNewPodsTogether { get; private set; }

    public RolloutWatcher(SharedInformers informers, string deploymentUid)
    {
        _sets = informers.For(Resources.ReplicaSets);
        _pods = informers.For(Resources.Pods);
        _deploymentUid = deploymentUid;
        _initialSets = Sets().Select(Uid).ToHashSet();
        _sets.AddHandler(_ => Look());
        _pods.AddHandler(_ => Look());
    }

    private JsonObject[] Sets() => _sets.List().Where(rs => OwnerUid(rs) == _deploymentUid).ToArray();

    private void Look()
    {
        lock (_gate)
        {
            var sets = Sets();
            var uids = sets.Select(Uid).ToHashSet();
            var pods = _pods.List().Where(p => OwnerUid(p) is { } o && uids.Contains(o)).ToArray();
            MaxSize = Math.Max(MaxSize, sets.Sum(rs => rs["spec"]!["replicas"]!.GetValue<int>()));
            MinReady = Math.Min(MinReady, pods.Count(p => !Terminating(p) && Ready(p)));
            if (pods.Any(p => _initialSets.Contains(OwnerUid(p)!)) && pods.Any(p => !_initialSets.Contains(OwnerUid(p)!)))
                OldAndNewPodsTogether = true;
        }
    }
}
