// DELETE with a propagation policy, at the registry: Orphan and Foreground leave the object marked with the garbage
// collector's finalizer, Background (and every served resource's default) deletes at once, a bad policy is a 422 on
// DeleteOptions, and graceful pod deletion combines with foreground propagation.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Handlers;
using Kinet.Api.Hosting;
using Kinet.Api.Registry;
using Kinet.Api.Resources;
using Kinet.Store.Memory;

namespace Kinet.Api.Tests.Registry;

public class DeletionPropagationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ResourceInfo ConfigMaps = ResourceRegistry.Get("", "configmaps");
    private static readonly ResourceInfo Pods = ResourceRegistry.Get("", "pods");
    private static readonly ResourceInfo Deployments = ResourceRegistry.Get("apps", "deployments");
    private static readonly ResourceInfo Namespaces = ResourceRegistry.Get("", "namespaces");
    private static readonly WriteOptions Test = new() { Manager = "test" };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Task<ApiCore> StartAsync() => ApiCore.CreateAsync(new MemoryObjectStore(), clock: new FixedClock(Now));

    private static JsonObject ConfigMap(string name, params string[] finalizers)
    {
        var meta = new JsonObject { ["name"] = name };
        if (finalizers.Length > 0) meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)f).ToArray());
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = meta };
    }

    private static JsonObject BoundPod(string name) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = "node-1",
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }),
        },
    };

    private static JsonObject Deployment(string name) => new()
    {
        ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
            },
        },
    };

    private static string[] Finalizers(JsonObject o) => Meta.Finalizers(o).ToArray();

    private static string? Str(JsonNode? n) => Meta.Str(n);

    [Theory]
    [InlineData("Orphan", new[] { "orphan" })]
    [InlineData("Foreground", new[] { "foregroundDeletion" })]
    [InlineData("Background", null)]
    [InlineData(null, null)]
    public async Task A_propagation_policy_leaves_its_finalizer_or_deletes_at_once(string? policy, string[]? expected)
    {
        var core = await StartAsync();
        await core.Registry.CreateAsync(ConfigMaps, "default", ConfigMap("cm"), Test, default);

        var result = await core.Registry.DeleteAsync(ConfigMaps, "default", "cm", new DeleteOptions { PropagationPolicy = policy }, default);

        var stored = core.Context.Get(ConfigMaps, "default", "cm");
        if (expected is null)
        {
            Assert.True(result.Deleted);
            Assert.Null(stored);
            return;
        }
        Assert.False(result.Deleted);
        var obj = ApiContext.Parse(stored!);
        Assert.Equal(expected, Finalizers(obj));
        Assert.Equal("2026-03-01T12:00:00Z", Str(obj["metadata"]!["deletionTimestamp"]));
        Assert.Equal(0, obj["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_apps_v1_deployment_without_a_policy_goes_at_once()
    {
        var core = await StartAsync();
        await core.Registry.CreateAsync(Deployments, "default", Deployment("web"), Test, default);

        var result = await core.Registry.DeleteAsync(Deployments, "default", "web", new DeleteOptions(), default);

        Assert.True(result.Deleted);
        Assert.Null(core.Context.Get(Deployments, "default", "web"));
    }

    [Fact]
    public async Task Foreground_deletion_of_a_deployment_bumps_its_generation()
    {
        var core = await StartAsync();
        var created = await core.Registry.CreateAsync(Deployments, "default", Deployment("web"), Test, default);
        var generation = Meta.Generation(created);

        var result = await core.Registry.DeleteAsync(Deployments, "default", "web", new DeleteOptions { PropagationPolicy = "Foreground" }, default);

        Assert.Equal(generation + 1, Meta.Generation(result.Object));
        Assert.Equal(["foregroundDeletion"], Finalizers(result.Object));
    }

    [Fact]
    public async Task Other_finalizers_stay_and_keep_a_background_deletion_waiting()
    {
        var core = await StartAsync();
        await core.Registry.CreateAsync(ConfigMaps, "default", ConfigMap("cm", "example.com/keep"), Test, default);

        var background = await core.Registry.DeleteAsync(ConfigMaps, "default", "cm", new DeleteOptions { PropagationPolicy = "Background" }, default);
        Assert.False(background.Deleted);
        Assert.Equal(["example.com/keep"], Finalizers(background.Object));

        var foreground = await core.Registry.DeleteAsync(ConfigMaps, "default", "cm", new DeleteOptions { PropagationPolicy = "Foreground" }, default);
        Assert.Equal(["example.com/keep", "foregroundDeletion"], Finalizers(foreground.Object));
    }

    [Fact]
    public async Task Deleting_again_with_another_policy_swaps_the_finalizer_and_background_then_deletes()
    {
        var core = await StartAsync();
        await core.Registry.CreateAsync(ConfigMaps, "default", ConfigMap("cm"), Test, default);
        await core.Registry.DeleteAsync(ConfigMaps, "default", "cm", new DeleteOptions { PropagationPolicy = "Foreground" }, default);

        var orphan = await core.Registry.DeleteAsync(ConfigMaps, "default", "cm", new DeleteOptions { PropagationPolicy = "Orphan" }, default);
        Assert.Equal(["orphan"], Finalizers(orphan.Object));
        // Without a policy the finalizer already there decides: nothing changes.
        var again = await core.Registry.DeleteAsync(ConfigMaps, "default", "cm", new DeleteOptions(), default);
        Assert.Equal(["orphan"], Finalizers(again.Object));

        var background = await core.Registry.DeleteAsync(ConfigMaps, "default", "cm", new DeleteOptions { PropagationPolicy = "Background" }, default);
        Assert.True(background.Deleted);
        Assert.Null(core.Context.Get(ConfigMaps, "default", "cm"));
    }

    [Theory]
    [InlineData("Bad")]
    [InlineData("background")]
    [InlineData("")]
    public async Task A_policy_that_is_none_of_the_three_is_invalid_even_for_a_missing_object(string policy)
    {
        var core = await StartAsync();

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            core.Registry.DeleteAsync(ConfigMaps, "default", "missing", new DeleteOptions { PropagationPolicy = policy }, default));

        Assert.Equal(422, e.Code);
        Assert.Equal($"DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"", e.Message);
        var status = e.ToStatus();
        Assert.Equal("meta.k8s.io", Str(status["details"]!["group"]));
        Assert.Equal("DeleteOptions", Str(status["details"]!["kind"]));
        Assert.Null(status["details"]!["name"]);
        Assert.Equal("FieldValueNotSupported", Str(status["details"]!["causes"]![0]!["reason"]));
        Assert.Equal("propagationPolicy", Str(status["details"]!["causes"]![0]!["field"]));
    }

    [Fact]
    public async Task A_bound_pod_deleted_in_the_foreground_is_both_graceful_and_finalized()
    {
        var core = await StartAsync();
        await core.Registry.CreateAsync(Pods, "default", BoundPod("p"), Test, default);

        var first = await core.Registry.DeleteAsync(Pods, "default", "p", new DeleteOptions { PropagationPolicy = "Foreground" }, default);
        Assert.False(first.Deleted);
        Assert.Equal("2026-03-01T12:00:30Z", Str(first.Object["metadata"]!["deletionTimestamp"]));
        Assert.Equal(30, first.Object["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal(["foregroundDeletion"], Finalizers(first.Object));

        // The node agent's final delete (grace 0) ends the grace period but the finalizer still holds the pod.
        var final = await core.Registry.DeleteAsync(Pods, "default", "p", new DeleteOptions { GracePeriodSeconds = 0 }, default);
        Assert.False(final.Deleted);
        Assert.Equal("2026-03-01T12:00:00Z", Str(final.Object["metadata"]!["deletionTimestamp"]));
        Assert.Equal(0, final.Object["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal(["foregroundDeletion"], Finalizers(final.Object));

        // The garbage collector removes its finalizer: the pod goes with that update.
        await core.Registry.UpdateAsync(Pods, "default", "p", null, Test, live =>
        {
            live!["metadata"]!.AsObject().Remove("finalizers");
            return live;
        }, createIfMissing: false, default);
        Assert.Null(core.Context.Get(Pods, "default", "p"));
    }

    [Fact]
    public async Task A_pending_graceful_deletion_keeps_its_finalizers_when_deleted_again_without_a_shorter_grace()
    {
        var core = await StartAsync();
        await core.Registry.CreateAsync(Pods, "default", BoundPod("p"), Test, default);
        var first = await core.Registry.DeleteAsync(Pods, "default", "p", new DeleteOptions { PropagationPolicy = "Background" }, default);
        Assert.Empty(Finalizers(first.Object));

        var again = await core.Registry.DeleteAsync(Pods, "default", "p", new DeleteOptions { PropagationPolicy = "Orphan" }, default);

        Assert.False(again.Deleted);
        Assert.Empty(Finalizers(again.Object));
        Assert.Equal(first.Object["metadata"]!["resourceVersion"]!.ToString(), again.Object["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task A_namespace_deleted_with_orphan_gets_the_orphan_finalizer_beside_its_spec_finalizers()
    {
        var core = await StartAsync();
        await core.Registry.CreateAsync(Namespaces, null, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "team" },
        }, Test, default);

        var result = await core.Registry.DeleteAsync(Namespaces, null, "team", new DeleteOptions { PropagationPolicy = "Orphan" }, default);

        Assert.False(result.Deleted);
        Assert.Equal(["orphan"], Finalizers(result.Object));
        Assert.Equal("kubernetes", Str(result.Object["spec"]!["finalizers"]![0]));
        Assert.Equal("Terminating", Str(result.Object["status"]!["phase"]));
    }
}
