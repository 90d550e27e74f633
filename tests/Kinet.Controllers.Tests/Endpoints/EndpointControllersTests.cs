// The EndpointSlice and Endpoints controllers running against the real API registry: the seed's troubleshooting story,
// selector changes, readiness and termination, named ports, slice capacity, Service deletion, selectorless Services.
using System.Text.Json.Nodes;
using Kinet.Controllers.Runtime;
using static Kinet.Controllers.Tests.Endpoints.EndpointsCluster;

namespace Kinet.Controllers.Tests.Endpoints;

public class EndpointControllersTests
{
    [Fact]
    public async Task A_pod_missing_a_selected_label_gives_no_endpoints_until_the_selector_is_relaxed()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("postgres-0", "app=postgres", "10.244.1.5");
        await c.CreateServiceAsync("postgres-db", "app=postgres,tier=db", port: 5432);

        await Eventually(() => c.EndpointsColumn("postgres-db") == "<none>", "postgres-db Endpoints without addresses");
        await Eventually(() => c.Slices("postgres-db").Count == 1, "an empty placeholder slice");
        Assert.Empty(c.SliceEndpoints("postgres-db"));

        await c.ChangeAsync(Resources.Services, "default", "postgres-db", s => s["spec"]!["selector"] = Labels("app=postgres"));

        await Eventually(() => c.EndpointsColumn("postgres-db") == "10.244.1.5:5432", "the pod on 5432");
        await Eventually(() => c.SliceEndpoints("postgres-db").SequenceEqual(["10.244.1.5|true|true|false"]), "the pod in the slice");
        var slice = Assert.Single(c.Slices("postgres-db"));
        Assert.Equal(5432, slice["ports"]![0]!["port"]!.GetValue<int>());
        Assert.Equal("endpointslice-controller.k8s.io", slice["metadata"]!["labels"]!["endpointslice.kubernetes.io/managed-by"]!.GetValue<string>());
        var owner = slice["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("postgres-db", owner["name"]!.GetValue<string>());
        Assert.True(owner["controller"]!.GetValue<bool>());
        Assert.True(owner["blockOwnerDeletion"]!.GetValue<bool>());
        var endpoint = slice["endpoints"]![0]!;
        Assert.Equal("kind-worker", endpoint["nodeName"]!.GetValue<string>());
        Assert.Equal("a", endpoint["zone"]!.GetValue<string>());
        Assert.Equal("postgres-0", endpoint["targetRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_selector_moves_the_endpoints_to_the_newly_selected_pods()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("db-old", "app=db,version=v1", "10.244.1.10");
        await c.CreatePodAsync("db-new", "app=db,version=v2", "10.244.2.10", node: "kind-worker2");
        await c.CreateServiceAsync("db", "app=db,version=v1", port: 5432);
        await Eventually(() => c.EndpointsColumn("db") == "10.244.1.10:5432", "the v1 pod");

        await c.ChangeAsync(Resources.Services, "default", "db", s => s["spec"]!["selector"] = Labels("app=db,version=v2"));

        await Eventually(() => c.EndpointsColumn("db") == "10.244.2.10:5432", "the v2 pod only");
        await Eventually(() => c.SliceEndpoints("db").SequenceEqual(["10.244.2.10|true|true|false"]), "the v2 pod only in slices");
        Assert.Equal("b", c.Slices("db").SelectMany(s => s["endpoints"]!.AsArray()).Single()!["zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Relabelling_a_pod_takes_it_out_of_the_Service_that_selected_it()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("web-1", "app=web", "10.244.1.21");
        await c.CreatePodAsync("web-2", "app=web", "10.244.1.22");
        await c.CreateServiceAsync("web", "app=web");
        await Eventually(() => c.EndpointsColumn("web") == "10.244.1.21:80,10.244.1.22:80", "both pods");

        await c.ChangeAsync(Resources.Pods, "default", "web-2", p => p["metadata"]!["labels"] = Labels("app=debug"));

        await Eventually(() => c.EndpointsColumn("web") == "10.244.1.21:80", "the relabelled pod gone");
        await Eventually(() => c.SliceEndpoints("web").SequenceEqual(["10.244.1.21|true|true|false"]), "the relabelled pod gone from slices");
    }

    [Fact]
    public async Task A_not_ready_pod_is_listed_as_not_ready_unless_the_Service_publishes_not_ready_addresses()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("api-0", "app=api", "10.244.1.30", ready: false);
        await c.CreateServiceAsync("api", "app=api");
        await c.CreateServiceAsync("api-peers", "app=api", publishNotReady: true);

        await Eventually(() => c.SliceEndpoints("api").SequenceEqual(["10.244.1.30|false|false|false"]), "a not-ready endpoint");
        await Eventually(() => c.EndpointsColumn("api") == "<none>", "no ready address");
        var subset = c.Client.Get(Resources.Endpoints, "default", "api")!["subsets"]![0]!;
        Assert.Equal("10.244.1.30", subset["notReadyAddresses"]![0]!["ip"]!.GetValue<string>());

        await Eventually(() => c.SliceEndpoints("api-peers").SequenceEqual(["10.244.1.30|true|false|false"]), "published although not serving");
        await Eventually(() => c.EndpointsColumn("api-peers") == "10.244.1.30:80", "published address");

        await c.SetPodStatusAsync("api-0", "10.244.1.30", ready: true);
        await Eventually(() => c.SliceEndpoints("api").SequenceEqual(["10.244.1.30|true|true|false"]), "ready once the pod is");
        await Eventually(() => c.EndpointsColumn("api") == "10.244.1.30:80", "the ready address");
    }

    [Fact]
    public async Task A_terminating_pod_stays_in_slices_as_terminating_and_leaves_the_Endpoints()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("shop-0", "app=shop", "10.244.1.40");
        await c.CreatePodAsync("shop-1", "app=shop", "10.244.1.41");
        await c.CreateServiceAsync("shop", "app=shop");
        await Eventually(() => c.EndpointsColumn("shop") == "10.244.1.40:80,10.244.1.41:80", "both pods");

        // A bound pod deletes gracefully: it stays, marked, until its node agent confirms.
        await c.Client.DeleteAsync(Resources.Pods, "default", "shop-1");
        Assert.NotNull(c.Client.Get(Resources.Pods, "default", "shop-1")?["metadata"]?["deletionTimestamp"]);

        await Eventually(() => c.SliceEndpoints("shop").SequenceEqual(["10.244.1.40|true|true|false", "10.244.1.41|false|true|true"]),
            "the terminating pod serving but not ready");
        await Eventually(() => c.EndpointsColumn("shop") == "10.244.1.40:80", "the terminating pod out of Endpoints");
    }

    [Fact]
    public async Task A_named_target_port_resolves_per_pod()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("mixed-a", "app=mixed", "10.244.1.50",
            containerPorts: new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8080 }));
        await c.CreatePodAsync("mixed-b", "app=mixed", "10.244.1.51",
            containerPorts: new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 9090 }));
        // No such port: upstream still lists the pod, in a slice without ports; the Endpoints leave it out.
        await c.CreatePodAsync("mixed-c", "app=mixed", "10.244.1.52");
        await c.CreateServiceAsync("mixed", "app=mixed", port: 80, targetPort: "http", portName: "web");

        await Eventually(() => c.Slices("mixed").Count == 3 && c.SliceEndpoints("mixed").Count == 3, "one slice per port set");
        var ports = c.Slices("mixed").ToDictionary(
            s => s["endpoints"]![0]!["addresses"]![0]!.GetValue<string>(), s => s["ports"]?[0]?["port"]?.GetValue<int>());
        Assert.Equal(8080, ports["10.244.1.50"]);
        Assert.Equal(9090, ports["10.244.1.51"]);
        Assert.Null(ports["10.244.1.52"]);
        await Eventually(() => c.EndpointsColumn("mixed") == "10.244.1.50:8080,10.244.1.51:9090", "both ports in Endpoints");
    }

    [Fact]
    public async Task More_than_a_hundred_endpoints_take_two_slices()
    {
        await using var c = await StartAsync();
        await c.CreateServiceAsync("big", "app=big");
        for (var i = 0; i < 110; i++) await c.CreatePodAsync($"big-{i}", "app=big", $"10.244.1.{i + 1}");

        await Eventually(() => c.SliceEndpoints("big").Count == 110, "all 110 endpoints");
        var sizes = c.Slices("big").Select(s => s["endpoints"]!.AsArray().Count).Order().ToList();
        Assert.Equal(2, sizes.Count);
        Assert.All(sizes, n => Assert.True(n <= 100));
        Assert.Equal(110, c.SliceEndpoints("big").Distinct().Count());
        await Eventually(() => c.EndpointsColumn("big")?.Split(',').Length == 110, "110 addresses in Endpoints");
    }

    [Fact]
    public async Task Deleting_the_Service_removes_its_slices_and_Endpoints()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("temp-0", "app=temp", "10.244.1.60");
        await c.CreateServiceAsync("temp", "app=temp");
        await Eventually(() => c.SliceEndpoints("temp").Count == 1 && c.EndpointsColumn("temp") == "10.244.1.60:80", "endpoints");

        await c.Client.DeleteAsync(Resources.Services, "default", "temp");

        await Eventually(() => c.Slices("temp").Count == 0, "slices gone");
        await Eventually(() => c.EndpointsColumn("temp") is null, "Endpoints gone");
    }

    [Fact]
    public async Task Endpoints_and_slices_of_a_Service_without_a_selector_are_left_to_their_user()
    {
        await using var c = await StartAsync();
        await c.CreateServiceAsync("external-db", selector: null, port: 5432);
        await c.Client.CreateAsync(Resources.Endpoints, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = "external-db", ["namespace"] = "default" },
            ["subsets"] = new JsonArray(new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["ip"] = "192.168.1.50" }),
                ["ports"] = new JsonArray(new JsonObject { ["port"] = 5432, ["protocol"] = "TCP" }),
            }),
        }, "kubectl");
        var userSlice = await c.Client.CreateAsync(Resources.EndpointSlices, new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1", ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = "external-db-1", ["namespace"] = "default",
                ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = "external-db" },
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = new JsonArray(new JsonObject { ["addresses"] = new JsonArray("192.168.1.50") }),
            ["ports"] = new JsonArray(new JsonObject { ["port"] = 5432, ["protocol"] = "TCP" }),
        }, "kubectl");
        var userEndpoints = c.Client.Get(Resources.Endpoints, "default", "external-db")!;

        // A Service with a selector created afterwards is synced: by then the selectorless one has been too.
        await c.CreatePodAsync("marker-0", "app=marker", "10.244.1.70");
        await c.CreateServiceAsync("marker", "app=marker");
        await Eventually(() => c.EndpointsColumn("marker") == "10.244.1.70:80" && c.SliceEndpoints("marker").Count == 1, "marker synced");
        Assert.True(await c.SliceController!.ReconcileAsync("default/external-db", c.Token));
        Assert.True(await c.EndpointsController!.ReconcileAsync("default/external-db", c.Token));

        Assert.Equal(userEndpoints["metadata"]!["resourceVersion"]!.GetValue<string>(),
            c.Client.Get(Resources.Endpoints, "default", "external-db")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        var slice = Assert.Single(c.Slices("external-db"));
        Assert.Equal(userSlice["metadata"]!["resourceVersion"]!.GetValue<string>(), slice["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pod_on_a_node_not_yet_known_joins_once_the_node_appears()
    {
        await using var c = await StartAsync();
        await c.CreateServiceAsync("late", "app=late");
        await c.CreatePodAsync("late-0", "app=late", "10.244.3.5", node: "kind-worker3");
        await Eventually(() => c.Slices("late").Count == 1, "the placeholder slice");
        Assert.Empty(c.SliceEndpoints("late"));

        await c.CreateNodeAsync("kind-worker3", "c");

        await Eventually(() => c.SliceEndpoints("late").SequenceEqual(["10.244.3.5|true|true|false"]), "the pod once its node is known");
        Assert.Equal("c", c.Slices("late").Single()["endpoints"]![0]!["zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_slice_deleted_by_someone_else_comes_back()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("keep-0", "app=keep", "10.244.1.80");
        await c.CreateServiceAsync("keep", "app=keep");
        await Eventually(() => c.SliceEndpoints("keep").Count == 1, "the slice");
        var name = c.Slices("keep").Single()["metadata"]!["name"]!.GetValue<string>();

        await c.Client.DeleteAsync(Resources.EndpointSlices, "default", name);

        await Eventually(() => c.SliceEndpoints("keep").SequenceEqual(["10.244.1.80|true|true|false"]), "a slice again");
        await Eventually(() => c.EndpointsColumn("keep") == "10.244.1.80:80", "Endpoints too");
    }

    [Fact]
    public async Task An_unchanged_Service_is_not_rewritten_by_another_sync()
    {
        await using var c = await StartAsync();
        await c.CreatePodAsync("calm-0", "app=calm", "10.244.1.90");
        await c.CreateServiceAsync("calm", "app=calm");
        await Eventually(() => c.SliceEndpoints("calm").Count == 1 && c.EndpointsColumn("calm") == "10.244.1.90:80", "synced");
        // The informers may still be catching up with the controllers' own writes: wait until they have.
        await Eventually(() => c.Context.Informers.For(Resources.EndpointSlices).List("default").Any(s => s["endpoints"] is JsonArray { Count: 1 }
            && s["metadata"]?["labels"]?["kubernetes.io/service-name"]?.GetValue<string>() == "calm"), "informer caught up");
        var sliceRv = c.Slices("calm").Single()["metadata"]!["resourceVersion"]!.GetValue<string>();
        var endpointsRv = c.Client.Get(Resources.Endpoints, "default", "calm")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        Assert.True(await c.SliceController!.ReconcileAsync("default/calm", c.Token));
        Assert.True(await c.EndpointsController!.ReconcileAsync("default/calm", c.Token));

        Assert.Equal(sliceRv, c.Slices("calm").Single()["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(endpointsRv, c.Client.Get(Resources.Endpoints, "default", "calm")!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_terminating_namespace_gets_no_new_endpoints_and_does_not_hold_up_the_others()
    {
        await using var c = await StartAsync();
        await c.Client.CreateAsync(Resources.Namespaces, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "closing" },
        }, "test");
        await c.CreatePodAsync("old-0", "app=old", "10.244.1.100", ns: "closing");
        await c.CreateServiceAsync("old", "app=old", ns: "closing");
        await Eventually(() => c.EndpointsColumn("old", "closing") == "10.244.1.100:80", "endpoints in the namespace");

        // No namespace controller runs here: the namespace stays Terminating, and creates in it are refused.
        await c.Client.DeleteAsync(Resources.Namespaces, null, "closing");
        await c.Client.DeleteAsync(Resources.Endpoints, "closing", "old");
        Assert.True(await c.EndpointsController!.ReconcileAsync("closing/old", c.Token));

        await c.CreatePodAsync("new-0", "app=new", "10.244.1.101");
        await c.CreateServiceAsync("new", "app=new");
        await Eventually(() => c.EndpointsColumn("new") == "10.244.1.101:80", "endpoints elsewhere");
        Assert.Null(c.EndpointsColumn("old", "closing"));
    }
}
