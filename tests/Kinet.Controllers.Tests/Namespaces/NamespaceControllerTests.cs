// The namespace controller: a terminating namespace is emptied, finalized and removed; others are left alone.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Namespaces;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.Namespaces;

public class NamespaceControllerTests
{
    private static readonly ResourceRef ConfigMaps = new("", "configmaps");

    private static JsonObject Ns(string name, bool terminating) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Namespace",
        ["metadata"] = terminating
            ? new JsonObject { ["name"] = name, ["deletionTimestamp"] = "2026-01-01T00:00:00Z" }
            : new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
    };

    private static JsonObject Cm(string ns, string name) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
    };

    [Fact]
    public async Task A_terminating_namespace_is_emptied_and_removed()
    {
        await using var client = new StoreObjectClient();
        await client.CreateAsync(NamespaceController.Namespaces, Ns("doomed", terminating: true), "test");
        await client.CreateAsync(ConfigMaps, Cm("doomed", "a"), "test");
        await client.CreateAsync(ConfigMaps, Cm("kept", "b"), "test");
        var controller = new NamespaceController(client, [ConfigMaps]);

        Assert.True(await controller.ReconcileAsync("doomed", CancellationToken.None));

        Assert.Empty(client.List(ConfigMaps, "doomed").Items);
        Assert.Single(client.List(ConfigMaps, "kept").Items);
        Assert.Null(client.Get(NamespaceController.Namespaces, null, "doomed"));
    }

    [Fact]
    public async Task An_active_namespace_is_left_alone()
    {
        await using var client = new StoreObjectClient();
        await client.CreateAsync(NamespaceController.Namespaces, Ns("alive", terminating: false), "test");
        await client.CreateAsync(ConfigMaps, Cm("alive", "a"), "test");
        var controller = new NamespaceController(client, [ConfigMaps]);

        Assert.True(await controller.ReconcileAsync("alive", CancellationToken.None));

        Assert.Single(client.List(ConfigMaps, "alive").Items);
        Assert.NotNull(client.Get(NamespaceController.Namespaces, null, "alive"));
    }

    [Fact]
    public async Task The_running_controller_finishes_a_namespace_that_starts_terminating_later()
    {
        await using var client = new StoreObjectClient();
        var created = await client.CreateAsync(NamespaceController.Namespaces, Ns("later", terminating: false), "test");
        await client.CreateAsync(ConfigMaps, Cm("later", "a"), "test");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = new NamespaceController(client, [ConfigMaps]).RunAsync(cts.Token);

        ((JsonObject)created["metadata"]!)["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        await client.UpdateAsync(NamespaceController.Namespaces, created, "test");
        while (client.Get(NamespaceController.Namespaces, null, "later") is not null) await Task.Delay(20, cts.Token);

        Assert.Empty(client.List(ConfigMaps, "later").Items);
        await cts.CancelAsync();
        await run;
    }
}
