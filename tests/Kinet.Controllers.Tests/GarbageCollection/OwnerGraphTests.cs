// The ownership graph: which objects need a look after each change, and the kinds it can resolve to watched resources.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.GarbageCollection;
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.Tests.GarbageCollection;

public class OwnerGraphTests
{
    private static GraphNode Node(string uid, string? deleting = null, params (string Uid, bool Block)[] owners)
    {
        var meta = new JsonObject { ["name"] = "n-" + uid, ["namespace"] = "default", ["uid"] = uid };
        if (owners.Length > 0)
            meta["ownerReferences"] = new JsonArray(owners.Select(o => (JsonNode?)new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "n-" + o.Uid, ["uid"] = o.Uid, ["blockOwnerDeletion"] = o.Block,
            }).ToArray());
        if (deleting is not null)
        {
            meta["deletionTimestamp"] = "2026-01-01T00:00:00Z";
            meta["finalizers"] = new JsonArray(deleting);
        }
        return GraphNode.From(Resources.ConfigMaps, new JsonObject { ["metadata"] = meta });
    }

    [Fact]
    public void A_new_object_with_owners_needs_a_look_and_one_without_does_not()
    {
        var g = new OwnerGraph();
        Assert.Empty(g.Upsert(Node("owner")));
        Assert.Equal(["child"], g.Upsert(Node("child", null, ("owner", false))));
        Assert.Empty(g.Upsert(Node("child", null, ("owner", false)))); // unchanged
    }

    [Fact]
    public void Removing_an_owner_points_at_its_dependents()
    {
        var g = new OwnerGraph();
        g.Upsert(Node("owner"));
        g.Upsert(Node("a", null, ("owner", false)));
        g.Upsert(Node("b", null, ("owner", true)));

        Assert.Equal(["a", "b"], g.Remove("owner").Order());
        Assert.Equal(["a", "b"], g.Dependents("owner").Select(d => d.Uid).Order()); // they still name it
    }

    [Fact]
    public void Starting_a_foreground_deletion_points_at_the_owner_and_its_dependents_and_blocking_ones_are_known()
    {
        var g = new OwnerGraph();
        g.Upsert(Node("owner"));
        g.Upsert(Node("a", null, ("owner", false)));
        g.Upsert(Node("b", null, ("owner", true)));

        Assert.Equal(["a", "b", "owner"], g.Upsert(Node("owner", "foregroundDeletion")).Order());
        Assert.Equal(["b"], g.BlockingDependents("owner").Select(d => d.Uid));
        // A blocking dependent going brings the waiting owner back.
        Assert.Equal(["owner"], g.Remove("b"));
    }

    [Fact]
    public void A_dependent_dropping_its_reference_brings_a_waiting_owner_back()
    {
        var g = new OwnerGraph();
        g.Upsert(Node("owner", "foregroundDeletion"));
        g.Upsert(Node("a", null, ("owner", true)));

        Assert.Equal(["owner"], g.Upsert(Node("a")));
        Assert.False(g.HasDependents("owner"));
    }

    [Theory]
    [InlineData("ReplicaSet", "replicasets")]
    [InlineData("Endpoints", "endpoints")]
    [InlineData("Ingress", "ingresses")]
    [InlineData("NetworkPolicy", "networkpolicies")]
    [InlineData("EndpointSlice", "endpointslices")]
    public void Kinds_are_guessed_to_their_plurals(string kind, string plural) => Assert.Equal(plural, OwnerKinds.GuessPlural(kind));

    [Fact]
    public void Only_watched_resources_resolve_and_their_scope_is_known()
    {
        var kinds = new OwnerKinds([Resources.ReplicaSets], [Resources.Nodes]);
        Assert.Equal((Resources.ReplicaSets, true), kinds.Resolve("apps/v1", "ReplicaSet"));
        Assert.Equal((Resources.Nodes, false), kinds.Resolve("v1", "Node"));
        Assert.Null(kinds.Resolve("v1", "ReplicaSet")); // wrong group
        Assert.Null(kinds.Resolve("example.com/v1", "Widget"));
    }
}
