// The endpoint controllers' bookkeeping on its own: the pod/Service index, which Services a pod event concerns,
// the trigger-time tracker, and the slice tracker that tells the controller's own writes from others'.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Endpoints;

namespace Kinet.Controllers.Tests.Endpoints;

public class EndpointBookkeepingTests
{
    private static JsonObject Pod(string name, string labels, string rv = "1", string? ip = "10.244.1.1", bool ready = true,
        string node = "kind-worker", string ns = "default", string readySince = "2026-11-26T10:00:00Z") => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["namespace"] = ns, ["resourceVersion"] = rv, ["labels"] = EndpointsCluster.Labels(labels),
        },
        ["spec"] = new JsonObject { ["nodeName"] = node },
        ["status"] = new JsonObject
        {
            ["podIP"] = ip,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = readySince,
            }),
        },
    };

    private static JsonObject Svc(string name, string? selector, string ns = "default") => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = "2026-11-26T09:00:00Z" },
        ["spec"] = selector is null ? new JsonObject() : new JsonObject { ["selector"] = EndpointsCluster.Labels(selector) },
    };

    private static PodServiceIndex Index(params JsonObject[] objects)
    {
        var index = new PodServiceIndex();
        foreach (var o in objects)
        {
            if (o["spec"]?["selector"] is not null || o["metadata"]?["creationTimestamp"] is not null) index.OnService(new WatchEvent(WatchEventType.Added, o));
            else index.OnPod(new WatchEvent(WatchEventType.Added, o));
        }
        return index;
    }

    [Fact]
    public void The_index_finds_the_pods_a_selector_matches_in_its_namespace_only()
    {
        var index = Index(
            Pod("db-0", "app=db,tier=backend"), Pod("db-1", "app=db"), Pod("web-0", "app=web,tier=backend"),
            Pod("db-other", "app=db,tier=backend", ns: "other"));

        Assert.Equal(["db-0"], Names(index.PodsSelectedBy(Svc("db", "app=db,tier=backend"))));
        Assert.Equal(["db-0", "db-1"], Names(index.PodsSelectedBy(Svc("db", "app=db"))));
        Assert.Empty(index.PodsSelectedBy(Svc("none", "app=none")));
        Assert.Empty(index.PodsSelectedBy(Svc("headless", null)));
    }

    [Fact]
    public void The_index_follows_label_changes_and_deletions()
    {
        var index = Index(Pod("db-0", "app=db"));
        index.OnPod(new WatchEvent(WatchEventType.Modified, Pod("db-0", "app=cache", rv: "2")));
        Assert.Empty(index.PodsSelectedBy(Svc("db", "app=db")));
        Assert.Equal(["db-0"], Names(index.PodsSelectedBy(Svc("cache", "app=cache"))));

        index.OnPod(new WatchEvent(WatchEventType.Deleted, Pod("db-0", "app=cache", rv: "3")));
        Assert.Empty(index.PodsSelectedBy(Svc("cache", "app=cache")));
    }

    [Fact]
    public void The_index_finds_the_Services_selecting_a_pod_and_those_with_pods_on_a_node()
    {
        var index = Index(Svc("db", "app=db,tier=backend"), Svc("all-backend", "tier=backend"), Svc("web", "app=web"),
            Svc("elsewhere", "app=db", ns: "other"), Svc("external", null),
            Pod("db-0", "app=db,tier=backend", node: "kind-worker2"));

        Assert.Equal(["default/all-backend", "default/db"], index.ServicesSelecting("default", EndpointsCluster.Labels("app=db,tier=backend")).Order());
        Assert.Equal(["default/all-backend", "default/db"], index.ServicesWithPodsOn("kind-worker2").Order());
        Assert.Empty(index.ServicesWithPodsOn("kind-worker"));

        index.OnService(new WatchEvent(WatchEventType.Modified, Svc("db", "app=other")));
        Assert.Equal(["default/all-backend"], index.ServicesSelecting("default", EndpointsCluster.Labels("app=db,tier=backend")));
    }

    public static TheoryData<string, JsonObject, JsonObject, string[]> PodEvents => new()
    {
        { "annotation only", Pod("p", "app=a", rv: "1"), WithAnnotation(Pod("p", "app=a", rv: "2")), [] },
        { "same revision (resync)", Pod("p", "app=a", ready: false), Pod("p", "app=a"), [] },
        { "readiness", Pod("p", "app=a", ready: false), Pod("p", "app=a", rv: "2"), ["default/a"] },
        { "address", Pod("p", "app=a", ip: null), Pod("p", "app=a", rv: "2"), ["default/a"] },
        { "relabelled only", Pod("p", "app=a"), Pod("p", "app=b", rv: "2"), ["default/a", "default/b"] },
        { "label added, still selected", Pod("p", "app=a"), Pod("p", "app=a,tier=x", rv: "2"), [] },
        { "label added, and ready", Pod("p", "app=a", ready: false), Pod("p", "app=a,tier=x", rv: "2"), ["default/a"] },
    };

    [Theory]
    [MemberData(nameof(PodEvents))]
    public void A_pod_change_concerns_the_Services_whose_endpoints_it_changes(string change, JsonObject old, JsonObject pod, string[] expected)
    {
        var index = Index(Svc("a", "app=a"), Svc("b", "app=b"));
        var services = PodChanges.ServicesToSync(index, new WatchEvent(WatchEventType.Modified, pod, old));
        Assert.True(expected.SequenceEqual(services.Order()), $"{change}: got [{string.Join(",", services)}]");
    }

    private static JsonObject WithAnnotation(JsonObject pod)
    {
        pod["metadata"]!["annotations"] = new JsonObject { ["note"] = "x" };
        return pod;
    }

    [Fact]
    public void The_trigger_time_is_the_Service_creation_first_then_the_earliest_new_pod_transition()
    {
        var tracker = new TriggerTimeTracker();
        var svc = Svc("a", "app=a");
        var first = tracker.Compute(svc, [Pod("p", "app=a", readySince: "2026-11-26T10:00:00Z")]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T09:00:00Z"), first);

        Assert.Null(tracker.Compute(svc, [Pod("p", "app=a", readySince: "2026-11-26T10:00:00Z")]));

        var changed = tracker.Compute(svc, [
            Pod("p", "app=a", readySince: "2026-11-26T10:05:00Z"),
            Pod("q", "app=a", readySince: "2026-11-26T10:03:00.5Z")]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T10:03:00.5Z"), changed);

        tracker.Forget("default/a");
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T09:00:00Z"), tracker.Compute(svc, []));
    }

    private static JsonObject Slice(string name, string service, string rv, bool managed = true) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["namespace"] = "default", ["resourceVersion"] = rv,
            ["labels"] = managed
                ? new JsonObject { ["kubernetes.io/service-name"] = service, ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io" }
                : new JsonObject { ["kubernetes.io/service-name"] = service },
        },
    };

    [Fact]
    public void The_slice_tracker_ignores_echoes_of_its_own_writes_and_reports_others()
    {
        var slices = new ManagedSlices();
        slices.Wrote(Slice("a-1", "a", "5"));
        Assert.Empty(slices.Observe(new WatchEvent(WatchEventType.Added, Slice("a-1", "a", "5"))));   // own create
        Assert.Equal(["default/a"], slices.Observe(new WatchEvent(WatchEventType.Modified, Slice("a-1", "a", "7")))); // someone else's edit
        Assert.Equal("7", Rv(Assert.Single(slices.For("default/a"))));

        slices.Removed(Slice("a-1", "a", "7"), deletedHere: true);
        Assert.Empty(slices.For("default/a"));
        Assert.Empty(slices.Observe(new WatchEvent(WatchEventType.Modified, Slice("a-1", "a", "7")))); // late, already deleted
        Assert.Empty(slices.Observe(new WatchEvent(WatchEventType.Deleted, Slice("a-1", "a", "7"))));  // own delete
        Assert.Empty(slices.For("default/a"));

        Assert.Equal(["default/b"], slices.Observe(new WatchEvent(WatchEventType.Added, Slice("b-1", "b", "9"))));
        Assert.Equal(["default/b"], slices.Observe(new WatchEvent(WatchEventType.Deleted, Slice("b-1", "b", "9")))); // someone else's delete
        Assert.Empty(slices.Observe(new WatchEvent(WatchEventType.Added, Slice("user-1", "c", "10", managed: false))));
        Assert.Empty(slices.For("default/c"));
    }

    [Fact]
    public void The_slice_tracker_keeps_the_newer_of_its_write_and_the_informer_copy()
    {
        var slices = new ManagedSlices();
        slices.Observe(new WatchEvent(WatchEventType.Added, Slice("a-1", "a", "3")));
        slices.Wrote(Slice("a-1", "a", "8"));
        Assert.Empty(slices.Observe(new WatchEvent(WatchEventType.Modified, Slice("a-1", "a", "6")))); // older than the write
        Assert.Equal("8", Rv(Assert.Single(slices.For("default/a"))));
    }

    private static string Rv(JsonObject o) => o["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static List<string> Names(IEnumerable<JsonObject> pods) =>
        pods.Select(p => p["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
}
