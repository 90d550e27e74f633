// The core/v1 Endpoints mirror: what `kubectl get endpoints` shows, and when the controller writes.
using System.Text.Json.Nodes;
using Kinet.Model.Endpoints;
using static Kinet.Model.Tests.Endpoints.Fixtures;

namespace Kinet.Model.Tests.Endpoints;

public class EndpointsControllerTests
{
    private const string Postgres = """[{"port":5432,"protocol":"TCP","targetPort":5432}]""";

    /// <summary>The ENDPOINTS column of kubectl get endpoints: ready ip:port pairs, or &lt;none&gt;.</summary>
    private static string Column(JsonObject? endpoints)
    {
        var pairs = (endpoints?["subsets"]?.AsArray() ?? []).SelectMany(s =>
            (s!["addresses"]?.AsArray() ?? []).SelectMany(a =>
                (s["ports"]?.AsArray() ?? []).Select(p => $"{a!["ip"]}:{p!["port"]}"))).ToList();
        return pairs.Count == 0 ? "<none>" : string.Join(",", pairs);
    }

    [Fact]
    public void The_postgres_db_service_has_no_endpoints_until_its_selector_matches_the_pod()
    {
        var svc = Service("postgres-db", "app=postgres,tier=db", Postgres);
        var pod = Pod("postgres-0", "app=postgres", "10.244.1.5");

        var before = EndpointsController.Compute(svc, [pod], current: null);
        Assert.Equal(EndpointsAction.Create, before.Action);
        Assert.Equal("<none>", Column(before.Desired));
        Assert.Null(before.Desired!["subsets"]);

        svc["spec"]!["selector"] = Labels("app=postgres");
        var after = EndpointsController.Compute(svc, [pod], before.Desired);
        Assert.Equal(EndpointsAction.Update, after.Action);
        Assert.Equal("10.244.1.5:5432", Column(after.Desired));
    }

    [Fact]
    public void The_endpoints_object_has_the_service_name_labels_and_full_addresses()
    {
        var svc = Service("web", "app=web", """[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}]""", labels: "team=shop");
        var result = EndpointsController.Compute(svc, [Pod("web-0", "app=web", "10.244.1.4")], null);

        Assert.Equal(
            """{"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"web","namespace":"default","labels":{"team":"shop"}},"subsets":[{"addresses":[{"ip":"10.244.1.4","nodeName":"kind-worker","targetRef":{"kind":"Pod","namespace":"default","name":"web-0","uid":"uid-web-0"}}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}""",
            result.Desired!.ToJsonString());
    }

    [Theory]
    //          ready  terminating publishNotReady → where
    [InlineData(true, false, false, "addresses")]
    [InlineData(false, false, false, "notReadyAddresses")]
    [InlineData(true, true, false, null)]
    [InlineData(false, true, false, null)]
    [InlineData(false, false, true, "addresses")]
    [InlineData(true, true, true, "addresses")]
    public void Readiness_and_deletion_decide_where_a_pod_is_listed(bool podReady, bool terminating, bool publishNotReady, string? where)
    {
        var svc = Service("web", "app=web", publishNotReady: publishNotReady);
        var pod = Pod("web-0", "app=web", "10.244.1.7", ready: podReady, terminating: terminating);

        var subsets = EndpointsController.Compute(svc, [pod], null).Desired!["subsets"]?.AsArray();

        if (where is null) Assert.Null(subsets);
        else Assert.Equal("10.244.1.7", Assert.Single(subsets!)![where]![0]!["ip"]!.GetValue<string>());
    }

    [Fact]
    public void Subsets_group_addresses_by_the_ports_they_resolve_and_sort_them_as_upstream()
    {
        var svc = Service("api", "app=api", """[{"name":"web","port":80,"protocol":"TCP","targetPort":"http"},{"name":"metrics","port":9100,"protocol":"TCP","targetPort":9100}]""");
        JsonObject[] pods =
        [
            Pod("api-a", "app=api", "10.244.1.9", containerPorts: """[{"name":"http","containerPort":8080}]"""),
            Pod("api-b", "app=api", "10.244.1.10", containerPorts: """[{"name":"http","containerPort":8080}]"""),
            Pod("api-b2", "app=api", "10.244.1.12", containerPorts: """[{"name":"http","containerPort":9090}]""", phase: "Succeeded"),
            Pod("api-c", "app=api", "10.244.1.11", containerPorts: """[{"name":"http","containerPort":9090}]""", ready: false),
        ];

        var subsets = EndpointsController.Compute(svc, pods, null).Desired!["subsets"]!.AsArray();

        string Describe(JsonNode? s) =>
            string.Join(" ", (s!["addresses"]?.AsArray() ?? []).Select(a => a!["ip"]!.GetValue<string>()))
            + " | " + string.Join(" ", (s["notReadyAddresses"]?.AsArray() ?? []).Select(a => a!["ip"]!.GetValue<string>()))
            + " | " + string.Join(" ", s["ports"]!.AsArray().Select(p => $"{p!["name"]}:{p["port"]}"));
        // IPs sort as bytes ("10" before "9"); metrics reaches all three pods, web splits by the resolved port.
        Assert.Equal(
            [
                "10.244.1.10 10.244.1.9 | 10.244.1.11 | metrics:9100",
                "10.244.1.10 10.244.1.9 |  | web:8080",
                " | 10.244.1.11 | web:9090",
            ],
            subsets.Select(Describe).ToArray());
    }

    [Fact]
    public void A_headless_service_is_labelled_headless_and_may_have_no_ports()
    {
        var svc = Service("db", "app=db", ports: "[]", clusterIP: "None");
        var result = EndpointsController.Compute(svc, [Pod("db-0", "app=db", "10.244.1.4")], null);

        Assert.Equal("", result.Desired!["metadata"]!["labels"]![EndpointSliceLabels.Headless]!.GetValue<string>());
        var subset = Assert.Single(result.Desired["subsets"]!.AsArray())!;
        Assert.Null(subset["ports"]);
        Assert.Equal("10.244.1.4", subset["addresses"]![0]!["ip"]!.GetValue<string>());
    }

    [Fact]
    public void An_up_to_date_endpoints_object_is_not_rewritten()
    {
        var svc = Service("web", "app=web", clusterIP: "None", labels: "team=shop");
        var pods = new[] { Pod("web-0", "app=web", "10.244.1.4"), Pod("web-1", "app=web", "10.244.1.5", ready: false) };
        var current = EndpointsController.Compute(svc, pods, null).Desired!;
        current["metadata"]!["resourceVersion"] = "42";

        var again = EndpointsController.Compute(svc, pods, current);

        Assert.Equal(EndpointsAction.None, again.Action);
    }

    [Fact]
    public void An_update_keeps_the_current_metadata()
    {
        var svc = Service("web", "app=web");
        var current = EndpointsController.Compute(svc, [], null).Desired!;
        current["metadata"]!["resourceVersion"] = "42";

        var update = EndpointsController.Compute(svc, [Pod("web-0", "app=web", "10.244.1.4")], current);

        Assert.Equal(EndpointsAction.Update, update.Action);
        Assert.Equal("42", update.Desired!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public void A_service_without_selector_keeps_its_user_written_endpoints()
    {
        var result = EndpointsController.Compute(Service("external", null), [Pod("web-0", "app=web", "10.244.1.4")],
            Parse("""{"metadata":{"name":"external"},"subsets":[{"addresses":[{"ip":"192.0.2.1"}]}]}"""));
        Assert.Equal(EndpointsAction.None, result.Action);
        Assert.Null(result.Desired);
    }

    [Fact]
    public void More_than_1000_addresses_are_truncated_not_ready_first_and_marked()
    {
        var pods = Enumerable.Range(0, 1100).Select(i =>
            Pod($"web-{i:D4}", "app=web", $"10.244.{i / 250}.{1 + i % 250}", ready: i < 950)).ToArray();

        var desired = EndpointsController.Compute(Service("web", "app=web"), pods, null).Desired!;

        var subset = Assert.Single(desired["subsets"]!.AsArray())!;
        Assert.Equal(950, subset["addresses"]!.AsArray().Count);
        Assert.Equal(50, subset["notReadyAddresses"]!.AsArray().Count);
        Assert.Equal("truncated", desired["metadata"]!["annotations"]![EndpointsTruncation.OverCapacityAnnotation]!.GetValue<string>());
    }

    [Fact]
    public void More_than_1000_ready_addresses_are_cut_in_proportion_per_subset()
    {
        var svc = Service("web", "app=web", """[{"port":80,"protocol":"TCP","targetPort":"http"}]""");
        var pods = Enumerable.Range(0, 1200).Select(i => Pod($"web-{i:D4}", "app=web", $"10.244.{i / 250}.{1 + i % 250}",
            ready: true, containerPorts: $$"""[{"name":"http","containerPort":{{(i < 800 ? 8080 : 9090)}}}]""")).ToArray();

        var subsets = EndpointsController.Compute(svc, pods, null).Desired!["subsets"]!.AsArray();

        Assert.Equal([667, 333], subsets.Select(s => s!["addresses"]!.AsArray().Count).ToArray());
    }

    [Fact]
    public void The_trigger_time_annotation_is_written_when_given_and_dropped_when_not()
    {
        var svc = Service("web", "app=web");
        var when = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var stamped = EndpointsController.Compute(svc, [], null, when).Desired!;
        Assert.Equal("2026-11-26T10:00:00Z", stamped["metadata"]!["annotations"]![TriggerTime.Annotation]!.GetValue<string>());

        var changed = EndpointsController.Compute(svc, [Pod("web-0", "app=web", "10.244.1.4")], stamped).Desired!;
        Assert.Null(changed["metadata"]!["annotations"]);
    }
}
