// The EndpointSlice reconciler against upstream's behaviour: what slices a Service gets, and how few writes it takes.
using System.Text.Json.Nodes;
using Kinet.Model.Endpoints;
using static Kinet.Model.Tests.Endpoints.Fixtures;

namespace Kinet.Model.Tests.Endpoints;

public class EndpointSliceReconcilerTests
{
    private static EndpointSliceChanges Reconcile(JsonObject svc, IEnumerable<JsonObject> pods, IEnumerable<JsonObject>? existing = null,
        Func<string, string>? names = null, DateTimeOffset? trigger = null) =>
        new EndpointSliceReconciler(names ?? CountingNames()).Reconcile(svc, pods, Nodes, existing ?? [], trigger);

    private static string[] Ips(JsonObject slice) =>
        slice["endpoints"]!.AsArray().Select(e => e!["addresses"]![0]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();

    private static string[] AllIps(IEnumerable<JsonObject> slices) => slices.SelectMany(Ips).Order(StringComparer.Ordinal).ToArray();

    private static string Ports(JsonObject slice) => slice["ports"]?.ToJsonString() ?? "null";

    [Fact]
    public void The_postgres_db_service_selecting_a_label_its_pod_lacks_gets_only_an_empty_placeholder_slice()
    {
        var svc = Service("postgres-db", "app=postgres,tier=db", """[{"port":5432,"protocol":"TCP","targetPort":5432}]""");
        var pod = Pod("postgres-0", "app=postgres", "10.244.1.5");

        var first = Reconcile(svc, [pod]);

        var placeholder = Assert.Single(first.Create);
        Assert.Empty(placeholder["endpoints"]!.AsArray());
        Assert.Null(placeholder["ports"]);
        Assert.Equal("postgres-db-00001", placeholder["metadata"]!["name"]!.GetValue<string>());
        Assert.Empty(first.Update);
        Assert.Empty(first.Delete);
    }

    [Fact]
    public void Patching_the_postgres_db_selector_fills_the_placeholder_with_the_pod_on_5432()
    {
        var svc = Service("postgres-db", "app=postgres,tier=db", """[{"port":5432,"protocol":"TCP","targetPort":5432}]""");
        var pod = Pod("postgres-0", "app=postgres", "10.244.1.5");
        var placeholder = Reconcile(svc, [pod]).Desired;

        svc["spec"]!["selector"] = Labels("app=postgres");
        var after = Reconcile(svc, [pod], placeholder);

        Assert.Empty(after.Create);
        Assert.Empty(after.Delete);
        var slice = Assert.Single(after.Update);
        Assert.Equal("postgres-db-00001", slice["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["10.244.1.5"], Ips(slice));
        Assert.Equal("""[{"name":"","protocol":"TCP","port":5432}]""", Ports(slice));
    }

    [Fact]
    public void An_unchanged_placeholder_is_kept_rather_than_recreated()
    {
        var svc = Service("postgres-db", "app=postgres,tier=db");
        var placeholder = Reconcile(svc, []).Desired;
        Assert.True(Reconcile(svc, [], placeholder).IsEmpty);
    }

    [Fact]
    public void Changing_the_selector_moves_the_endpoints_within_the_same_slice()
    {
        var svc = Service("db", "app=db,version=v1");
        JsonObject[] pods =
        [
            Pod("db-v1-a", "app=db,version=v1", "10.244.1.10"), Pod("db-v1-b", "app=db,version=v1", "10.244.1.11"),
            Pod("db-v2-a", "app=db,version=v2", "10.244.1.20"), Pod("db-v2-b", "app=db,version=v2", "10.244.1.21"),
        ];
        var before = Reconcile(svc, pods).Desired;
        Assert.Equal(["10.244.1.10", "10.244.1.11"], AllIps(before));

        svc["spec"]!["selector"] = Labels("app=db,version=v2");
        var after = Reconcile(svc, pods, before);

        Assert.Empty(after.Create);
        Assert.Empty(after.Delete);
        Assert.Equal(["10.244.1.20", "10.244.1.21"], AllIps(after.Desired));
        Assert.Equal(before.Single()["metadata"]!["name"]!.ToJsonString(), after.Update.Single()["metadata"]!["name"]!.ToJsonString());
    }

    private static JsonObject[] ManyPods(int count) =>
        Enumerable.Range(0, count).Select(i => Pod($"web-{i:D3}", "app=web", $"10.244.{1 + i / 200}.{1 + i % 200}")).ToArray();

    [Fact]
    public void Two_hundred_fifty_pods_make_three_slices_of_at_most_100()
    {
        var result = Reconcile(Service("web", "app=web"), ManyPods(250));

        Assert.Equal([100, 100, 50], result.Create.Select(s => s["endpoints"]!.AsArray().Count).ToArray());
        Assert.Equal(250, AllIps(result.Create).Distinct().Count());
        Assert.Equal(["web-00001", "web-00002", "web-00003"], result.Create.Select(s => s["metadata"]!["name"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public void Reconciling_again_with_nothing_changed_writes_nothing()
    {
        var svc = Service("web", "app=web");
        var pods = ManyPods(250);
        var slices = Reconcile(svc, pods).Desired;
        Assert.True(Reconcile(svc, pods, slices).IsEmpty);
    }

    [Fact]
    public void Removing_pods_touches_only_the_slices_that_held_them()
    {
        var svc = Service("web", "app=web");
        var pods = ManyPods(250);
        var slices = Reconcile(svc, pods).Desired;
        var gone = Ips(slices[0]).Take(5).ToHashSet();

        var result = Reconcile(svc, pods.Where(p => !gone.Contains(p["status"]!["podIP"]!.GetValue<string>())), slices);

        Assert.Empty(result.Create);
        Assert.Empty(result.Delete);
        var updated = Assert.Single(result.Update);
        Assert.Equal(slices[0]["metadata"]!["name"]!.ToJsonString(), updated["metadata"]!["name"]!.ToJsonString());
        Assert.Equal(95, updated["endpoints"]!.AsArray().Count);
    }

    [Fact]
    public void New_pods_go_into_the_closest_fitting_unchanged_slice_instead_of_a_new_one()
    {
        var svc = Service("web", "app=web");
        var pods = ManyPods(250);
        var slices = Reconcile(svc, pods).Desired;

        var result = Reconcile(svc, ManyPods(260), slices);

        Assert.Empty(result.Create);
        var updated = Assert.Single(result.Update);
        Assert.Equal(60, updated["endpoints"]!.AsArray().Count);
    }

    [Fact]
    public void A_named_target_port_is_resolved_per_pod_and_splits_pods_by_resolution()
    {
        var svc = Service("api", "app=api", """[{"name":"web","port":80,"protocol":"TCP","targetPort":"http"}]""");
        JsonObject[] pods =
        [
            Pod("api-a", "app=api", "10.244.1.1", containerPorts: """[{"name":"http","containerPort":8080,"protocol":"TCP"}]"""),
            Pod("api-b", "app=api", "10.244.1.2", containerPorts: """[{"name":"http","containerPort":9090}]"""),
            Pod("api-c", "app=api", "10.244.1.3", containerPorts: """[{"name":"http","containerPort":8080,"protocol":"TCP"}]"""),
            Pod("api-d", "app=api", "10.244.1.4", containerPorts: """[{"name":"http","containerPort":7070,"protocol":"UDP"}]"""),
        ];

        var byPorts = Reconcile(svc, pods).Create.ToDictionary(Ports, Ips);

        Assert.Equal(3, byPorts.Count);
        Assert.Equal(["10.244.1.1", "10.244.1.3"], byPorts["""[{"name":"web","protocol":"TCP","port":8080}]"""]);
        Assert.Equal(["10.244.1.2"], byPorts["""[{"name":"web","protocol":"TCP","port":9090}]"""]);
        // A pod that does not have the port is still an endpoint, in a slice without ports (the protocol must match too).
        Assert.Equal(["10.244.1.4"], byPorts["null"]);
    }

    [Theory]
    //           ready  terminating publishNotReady → ready  serving terminating
    [InlineData(true, false, false, true, true, false)]
    [InlineData(false, false, false, false, false, false)]
    [InlineData(true, true, false, false, true, true)]
    [InlineData(false, true, false, false, false, true)]
    [InlineData(false, false, true, true, false, false)]
    [InlineData(true, true, true, true, true, true)]
    public void Endpoint_conditions_follow_pod_readiness_and_deletion(bool podReady, bool terminating, bool publishNotReady,
        bool ready, bool serving, bool isTerminating)
    {
        var svc = Service("web", "app=web", publishNotReady: publishNotReady);
        var slice = Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.7", ready: podReady, terminating: terminating)]).Create.Single();

        var conditions = slice["endpoints"]![0]!["conditions"]!;
        Assert.Equal(
            $$"""{"ready":{{Lower(ready)}},"serving":{{Lower(serving)}},"terminating":{{Lower(isTerminating)}}}""",
            conditions.ToJsonString());
    }

    private static string Lower(bool b) => b ? "true" : "false";

    [Theory]
    [InlineData(null, "Running", "kind-worker")]      // no address yet
    [InlineData("10.244.1.9", "Succeeded", "kind-worker")]
    [InlineData("10.244.1.9", "Failed", "kind-worker")]
    [InlineData("10.244.1.9", "Running", "kind-worker9")] // node unknown: left out until it is known
    public void Pods_without_address_in_a_terminal_phase_or_on_an_unknown_node_are_not_endpoints(string? ip, string phase, string node)
    {
        var result = Reconcile(Service("web", "app=web"), [Pod("web-0", "app=web", ip, node: node, phase: phase)]);
        Assert.Empty(Assert.Single(result.Create)["endpoints"]!.AsArray());
    }

    [Fact]
    public void A_pod_on_an_unknown_node_is_reported_so_the_caller_can_retry()
    {
        var result = Reconcile(Service("web", "app=web"), [Pod("web-0", "app=web", "10.244.1.9", node: "kind-worker9")]);
        Assert.Equal(["web-0"], result.PodsOnUnknownNodes);
    }

    [Fact]
    public void Publishing_not_ready_addresses_includes_a_pod_on_an_unknown_node_without_zone()
    {
        var svc = Service("web", "app=web", publishNotReady: true);
        var result = Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.9", node: "kind-worker9")]);

        var ep = Assert.Single(result.Create.Single()["endpoints"]!.AsArray())!;
        Assert.Equal("kind-worker9", ep["nodeName"]!.GetValue<string>());
        Assert.Null(ep["zone"]);
        Assert.Empty(result.PodsOnUnknownNodes);
    }

    [Fact]
    public void Slices_of_another_address_type_are_deleted()
    {
        var svc = Service("web", "app=web");
        var ipv6 = Reconcile(svc, []).Desired.Single();
        ipv6["addressType"] = "IPv6";
        ipv6["metadata"]!["name"] = "web-v6";

        var result = Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.4")], [ipv6]);

        Assert.Equal([ipv6], result.Delete);
        Assert.Equal("IPv4", Assert.Single(result.Create)["addressType"]!.GetValue<string>());
    }

    [Fact]
    public void A_service_without_selector_is_left_to_its_user()
    {
        var svc = Service("external", selector: null);
        var userSlice = Parse("""{"metadata":{"name":"external-1","labels":{"kubernetes.io/service-name":"external"}},"addressType":"IPv4","endpoints":[]}""");

        var result = Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.9")], [userSlice]);

        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void An_endpoint_carries_address_node_zone_and_pod_reference()
    {
        var slice = Reconcile(Service("web", "app=web"), [Pod("web-0", "app=web", "10.244.2.4", node: "kind-worker2")]).Create.Single();

        Assert.Equal(
            """{"addresses":["10.244.2.4"],"conditions":{"ready":true,"serving":true,"terminating":false},"targetRef":{"kind":"Pod","namespace":"default","name":"web-0","uid":"uid-web-0"},"nodeName":"kind-worker2","zone":"b"}""",
            slice["endpoints"]![0]!.ToJsonString());
    }

    [Theory]
    [InlineData("web-0", "web", true)]
    [InlineData("web-0", "other", false)]
    [InlineData(null, "web", false)]
    public void Hostname_is_set_when_the_pod_names_the_service_as_its_subdomain(string? hostname, string subdomain, bool expected)
    {
        var pod = Pod("web-0", "app=web", "10.244.1.4", hostname: hostname, subdomain: subdomain);
        var ep = Reconcile(Service("web", "app=web", clusterIP: "None"), [pod]).Create.Single()["endpoints"]![0]!;
        Assert.Equal(expected ? "web-0" : null, ep["hostname"]?.GetValue<string>());
    }

    [Fact]
    public void A_slice_is_labelled_and_owned_as_upstream_does()
    {
        var svc = Service("web", "app=web", clusterIP: "None",
            labels: "team=shop,kubernetes.io/service-name=spoofed,endpointslice.kubernetes.io/managed-by=me");
        var slice = Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.4")]).Create.Single();

        Assert.Equal(
            """{"generateName":"web-","namespace":"default","labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io","kubernetes.io/service-name":"web","service.kubernetes.io/headless":"","team":"shop"},"ownerReferences":[{"apiVersion":"v1","kind":"Service","name":"web","uid":"svc-uid","controller":true,"blockOwnerDeletion":true}],"name":"web-00001"}""",
            slice["metadata"]!.ToJsonString());
        Assert.Equal("IPv4", slice["addressType"]!.GetValue<string>());
        Assert.Equal("discovery.k8s.io/v1", slice["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Changed_service_labels_update_the_slice_labels_only()
    {
        var svc = Service("web", "app=web", labels: "team=shop");
        var pods = new[] { Pod("web-0", "app=web", "10.244.1.4") };
        var slices = Reconcile(svc, pods).Desired;

        svc["metadata"]!["labels"] = Labels("team=checkout");
        var result = Reconcile(svc, pods, slices);

        var updated = Assert.Single(result.Update);
        Assert.Equal("checkout", updated["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal(slices[0]["endpoints"]!.ToJsonString(), updated["endpoints"]!.ToJsonString());
    }

    [Fact]
    public void A_pod_becoming_unready_updates_its_endpoint_in_place()
    {
        var svc = Service("web", "app=web");
        var slices = Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.4")]).Desired;

        var result = Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.4", ready: false)], slices);

        var updated = Assert.Single(result.Update);
        Assert.False(updated["endpoints"]![0]!["conditions"]!["ready"]!.GetValue<bool>());
        Assert.Empty(result.Create);
    }

    [Fact]
    public void Slices_of_an_earlier_service_with_the_same_name_are_replaced()
    {
        var old = Reconcile(Service("web", "app=web", uid: "old-uid"), [Pod("web-0", "app=web", "10.244.1.4")]).Desired;

        var result = Reconcile(Service("web", "app=web", uid: "new-uid"), [Pod("web-0", "app=web", "10.244.1.4")], old);

        Assert.Equal(old, result.Delete);
        Assert.Equal("new-uid", Assert.Single(result.Create)["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void Slices_managed_by_someone_else_are_ignored()
    {
        var foreign = Parse("""{"metadata":{"name":"web-x","labels":{"kubernetes.io/service-name":"web","endpointslice.kubernetes.io/managed-by":"me"}},"addressType":"IPv4","endpoints":[]}""");
        var result = Reconcile(Service("web", "app=web"), [Pod("web-0", "app=web", "10.244.1.4")], [foreign]);
        Assert.Empty(result.Delete);
        Assert.Single(result.Create);
    }

    [Fact]
    public void The_trigger_time_is_stamped_on_written_slices_in_go_rfc3339nano()
    {
        var when = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_500);
        var slice = Reconcile(Service("web", "app=web"), [], trigger: when).Create.Single();
        Assert.Equal("2026-11-26T10:00:00.12345Z",
            slice["metadata"]!["annotations"]![TriggerTime.Annotation]!.GetValue<string>());
    }

    [Fact]
    public void A_service_being_deleted_gets_no_new_slices()
    {
        var svc = Service("web", "app=web");
        svc["metadata"]!["deletionTimestamp"] = "2026-11-26T10:00:00Z";
        Assert.Empty(Reconcile(svc, [Pod("web-0", "app=web", "10.244.1.4")]).Create);
    }
}
