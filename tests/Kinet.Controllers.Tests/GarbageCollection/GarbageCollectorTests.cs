// The garbage collector against the real registry: background, foreground and orphan propagation, dependents with
// several owners, cluster-scoped owners, owners it cannot know, and a restart that finds what went meanwhile.
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using static Kinet.Controllers.Tests.GarbageCollection.GcCluster;

namespace Kinet.Controllers.Tests.GarbageCollection;

public class GarbageCollectorTests
{
    private static ObjectDeleteOptions Policy(string policy) => new(PropagationPolicy: policy);

    [Fact]
    public async Task Deleting_an_owner_in_the_background_deletes_its_dependents()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        var owner = await c.ConfigMapAsync("owner");
        await c.ConfigMapAsync("a", Ref(owner));
        await c.ConfigMapAsync("b", Ref(owner, block: true, controller: true));
        await c.ConfigMapAsync("bystander");

        await c.Client.DeleteAsync(Resources.ConfigMaps, "default", "owner", Policy("Background"));

        await Eventually(() => c.ConfigMap("a") is null && c.ConfigMap("b") is null, "the dependents are collected");
        Assert.NotNull(c.ConfigMap("bystander"));
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        var rs = await c.ReplicaSetAsync("web");
        string[] pods = ["web-1", "web-2", "web-3"];
        foreach (var p in pods) await c.PodAsync(p, nodeName: "node-1", Ref(rs, block: true, controller: true));

        await c.Client.DeleteAsync(Resources.ReplicaSets, "default", "web", Policy("Foreground"));

        // Bound pods are deleted gracefully: they stay, terminating, until their node agent is done with them.
        await Eventually(() => pods.All(p => IsDeleting(c.Client.Get(Resources.Pods, "default", p))), "the pods are being deleted");
        var waiting = c.Client.Get(Resources.ReplicaSets, "default", "web");
        Assert.NotNull(waiting);
        Assert.Equal(["foregroundDeletion"], Finalizers(waiting!));

        foreach (var p in pods) await c.Client.DeleteAsync(Resources.Pods, "default", p, new ObjectDeleteOptions(GracePeriodSeconds: 0));

        await Eventually(() => c.Client.Get(Resources.ReplicaSets, "default", "web") is null, "the replica set goes after its pods");
    }

    [Fact]
    public async Task Foreground_deletion_goes_down_a_chain_and_waits_for_the_last_link()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        var top = await c.ConfigMapAsync("top");
        var middle = await c.ConfigMapAsync("middle", Ref(top, block: true));
        await c.ConfigMapAsync("leaf", ["example.com/hold"], Ref(middle, block: true));

        await c.Client.DeleteAsync(Resources.ConfigMaps, "default", "top", Policy("Foreground"));

        await Eventually(() => IsDeleting(c.ConfigMap("leaf")), "the leaf is being deleted");
        Assert.Equal(["foregroundDeletion"], Finalizers(c.ConfigMap("top")!));
        Assert.Equal(["foregroundDeletion"], Finalizers(c.ConfigMap("middle")!));

        var leaf = c.ConfigMap("leaf")!;
        leaf["metadata"]!.AsObject().Remove("finalizers");
        await c.Client.UpdateAsync(Resources.ConfigMaps, leaf, "test");

        await Eventually(() => c.ConfigMap("top") is null && c.ConfigMap("middle") is null && c.ConfigMap("leaf") is null, "the whole chain is gone");
    }

    [Fact]
    public async Task Orphan_deletion_strips_the_owner_references_and_keeps_the_dependents()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        var owner = await c.ConfigMapAsync("owner");
        var other = await c.ConfigMapAsync("other");
        await c.ConfigMapAsync("only-child", Ref(owner, block: true));
        await c.ConfigMapAsync("shared-child", Ref(owner), Ref(other));

        await c.Client.DeleteAsync(Resources.ConfigMaps, "default", "owner", Policy("Orphan"));

        await Eventually(() => c.ConfigMap("owner") is null, "the owner goes once its dependents are orphaned");
        Assert.Empty(OwnerUids(c.ConfigMap("only-child")!));
        Assert.Equal([Uid(other)], OwnerUids(c.ConfigMap("shared-child")!));
    }

    [Fact]
    public async Task A_dependent_that_loses_one_of_two_owners_survives_without_the_reference()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        var first = await c.ConfigMapAsync("first");
        var second = await c.ConfigMapAsync("second");
        await c.ConfigMapAsync("child", Ref(first), Ref(second));

        await c.Client.DeleteAsync(Resources.ConfigMaps, "default", "first");

        await Eventually(() => OwnerUids(c.ConfigMap("child")!).SequenceEqual([Uid(second)]), "the reference to the gone owner is dropped");

        await c.Client.DeleteAsync(Resources.ConfigMaps, "default", "second");
        await Eventually(() => c.ConfigMap("child") is null, "with its last owner gone the dependent goes");
    }

    [Fact]
    public async Task A_restarted_collector_collects_what_lost_its_owner_while_none_ran()
    {
        await using var c = await StartAsync();
        var stop = c.StartCollector();
        var owner = await c.ConfigMapAsync("owner");
        await c.ConfigMapAsync("child", Ref(owner));
        var orphaned = await c.ConfigMapAsync("orphaned-owner");
        await c.ConfigMapAsync("kept-child", Ref(orphaned));
        await stop();

        await c.Client.DeleteAsync(Resources.ConfigMaps, "default", "owner");
        await c.Client.DeleteAsync(Resources.ConfigMaps, "default", "orphaned-owner", Policy("Orphan"));
        await c.ConfigMapAsync("never-owned", RefTo("v1", "ConfigMap", "ghost", Guid.NewGuid().ToString()));
        Assert.NotNull(c.ConfigMap("child"));

        c.StartCollector();

        await Eventually(() => c.ConfigMap("child") is null && c.ConfigMap("never-owned") is null, "the dependents of gone owners are collected");
        await Eventually(() => c.ConfigMap("orphaned-owner") is null, "the pending orphan deletion finishes");
        Assert.Empty(OwnerUids(c.ConfigMap("kept-child")!));
    }

    [Fact]
    public async Task A_cluster_scoped_owner_takes_its_namespaced_dependents_along()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        var node = await c.NodeAsync("node-7");
        await c.ConfigMapAsync("node-config", Ref(node));

        await c.Client.DeleteAsync(Resources.Nodes, null, "node-7");

        await Eventually(() => c.ConfigMap("node-config") is null, "the node's config map is collected");
    }

    [Fact]
    public async Task An_owner_of_a_kind_the_collector_does_not_watch_keeps_its_dependents()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        await c.ConfigMapAsync("widget-part", RefTo("example.com/v1", "Widget", "w", Guid.NewGuid().ToString()));
        // A dangling dependent created after it: once that one is collected, the collector has seen the first.
        await c.ConfigMapAsync("sentinel", RefTo("v1", "ConfigMap", "ghost", Guid.NewGuid().ToString()));

        await Eventually(() => c.ConfigMap("sentinel") is null, "the sentinel is collected");

        Assert.NotNull(c.ConfigMap("widget-part"));
    }

    [Fact]
    public async Task The_thousand_pods_of_a_deleted_replica_set_are_all_collected()
    {
        await using var c = await StartAsync();
        c.StartCollector();
        var rs = await c.ReplicaSetAsync("big");
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => await c.PodAsync($"big-{i}", nodeName: null, Ref(rs, block: true, controller: true)));

        await c.Client.DeleteAsync(Resources.ReplicaSets, "default", "big");

        await Eventually(() => c.Client.List(Resources.Pods, "default").Items.Count == 0, "every pod is collected");
    }
}
