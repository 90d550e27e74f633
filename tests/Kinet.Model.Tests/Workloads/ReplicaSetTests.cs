// ReplicaSet semantics: pods from the template, the create/delete diff, status counts, and which pods go first on scale-down.
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Tests.Workloads;

public class ReplicaSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonObject Rs = JsonNode.Parse("""
        {"metadata":{"name":"frontend-6f4d85b5c9","namespace":"shop","uid":"rs-1","generation":3},
         "spec":{"replicas":3,"minReadySeconds":10,"selector":{"matchLabels":{"app":"frontend"}},
                 "template":{"metadata":{"labels":{"app":"frontend","pod-template-hash":"6f4d85b5c9"},"annotations":{"a":"b"}},
                             "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
        """)!.AsObject();

    private static JsonObject Pod(string name, string phase = "Running", string? node = "kind-worker", string? readySince = null,
        string labels = """{"app":"frontend","pod-template-hash":"6f4d85b5c9"}""", string extraMeta = "", int restarts = 0,
        string created = "2026-01-01T11:00:00Z")
    {
        var ready = readySince is null ? "" : ",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"" + readySince + "\"}]";
        var nodeName = node is null ? "" : "\"nodeName\":\"" + node + "\"";
        return JsonNode.Parse("{\"metadata\":{\"name\":\"" + name + "\",\"creationTimestamp\":\"" + created + "\",\"labels\":" + labels + extraMeta + "}," +
            "\"spec\":{" + nodeName + "},\"status\":{\"phase\":\"" + phase + "\"" + ready +
            ",\"containerStatuses\":[{\"name\":\"web\",\"restartCount\":" + restarts + "}]}}")!.AsObject();
    }

    [Fact]
    public void A_pod_from_the_template_is_owned_by_the_replica_set_and_named_after_it()
    {
        var pod = PodFromTemplate.Build(Rs);
        Assert.Equal("frontend-6f4d85b5c9-", (string)pod["metadata"]!["generateName"]!);
        Assert.Equal("shop", (string)pod["metadata"]!["namespace"]!);
        Assert.Equal("6f4d85b5c9", (string)pod["metadata"]!["labels"]!["pod-template-hash"]!);
        Assert.Equal("b", (string)pod["metadata"]!["annotations"]!["a"]!);
        var owner = pod["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("ReplicaSet", "rs-1", true), ((string)owner["kind"]!, (string)owner["uid"]!, (bool)owner["controller"]!));
        Assert.Equal("nginx", (string)pod["spec"]!["containers"]![0]!["image"]!);
    }

    [Fact]
    public void Status_counts_active_ready_and_available_pods()
    {
        JsonObject[] pods =
        [
            Pod("a", readySince: "2026-01-01T11:00:00Z"),          // available
            Pod("b", readySince: "2026-01-01T11:59:55Z"),          // ready, not yet for minReadySeconds
            Pod("c", phase: "Pending", node: null),                  // active, not ready
            Pod("d", phase: "Succeeded"),                            // terminal: not counted
            Pod("e", labels: """{"app":"frontend"}"""),              // active, not fully labelled
        ];
        var status = ReplicaSetStatus.Compute(Rs, pods, Now);
        Assert.Equal(4, (int)status["replicas"]!);
        Assert.Equal(3, (int)status["fullyLabeledReplicas"]!);
        Assert.Equal(2, (int)status["readyReplicas"]!);
        Assert.Equal(1, (int)status["availableReplicas"]!);
        Assert.Equal(3L, (long)status["observedGeneration"]!);
        Assert.Equal(-1, PodFromTemplate.Diff(Rs, pods));
    }

    public static TheoryData<JsonObject, JsonObject> DeletedFirst => new()
    {
        { Pod("unscheduled", phase: "Pending", node: null), Pod("scheduled", phase: "Pending") },
        { Pod("pending", phase: "Pending"), Pod("running") },
        { Pod("unknown", phase: "Unknown"), Pod("running") },
        { Pod("not-ready"), Pod("ready", readySince: "2026-01-01T11:00:00Z") },
        { Pod("cheap", extraMeta: ",\"annotations\":{\"controller.kubernetes.io/pod-deletion-cost\":\"-5\"}", readySince: "2026-01-01T11:00:00Z"),
          Pod("default-cost", readySince: "2026-01-01T11:00:00Z") },
        { Pod("recently-ready", readySince: "2026-01-01T11:59:00Z"), Pod("long-ready", readySince: "2026-01-01T08:00:00Z") },
        { Pod("restarted", restarts: 4), Pod("steady") },
        { Pod("newer", created: "2026-01-01T11:59:00Z"), Pod("older", created: "2026-01-01T06:00:00Z") },
    };

    [Theory]
    [MemberData(nameof(DeletedFirst))]
    public void Scale_down_deletes_the_less_valuable_pod_first(JsonObject first, JsonObject second)
    {
        Assert.Same(first, PodDeletionOrder.ToDelete([second, first], [first, second], 1, Now).Single());
        Assert.Same(first, PodDeletionOrder.ToDelete([first, second], [first, second], 1, Now).Single());
    }

    [Fact]
    public void Scale_down_prefers_pods_doubled_up_on_a_node()
    {
        var lonely = Pod("lonely", node: "kind-worker");
        var crowded = Pod("crowded", node: "kind-worker2");
        var sibling = Pod("sibling", node: "kind-worker2");
        Assert.Same(crowded, PodDeletionOrder.ToDelete([lonely, crowded], [lonely, crowded, sibling], 1, Now).Single());
    }

    [Fact]
    public void The_new_replica_set_is_the_one_whose_template_matches_apart_from_the_hash()
    {
        var d = JsonNode.Parse("""{"spec":{"template":{"metadata":{"annotations":{"a":"b"},"labels":{"app":"frontend"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""")!.AsObject();
        var old = JsonNode.Parse("""{"metadata":{"name":"frontend-old"},"spec":{"template":{"metadata":{"labels":{"app":"frontend","pod-template-hash":"x"}},"spec":{"containers":[{"name":"web","image":"httpd"}]}}}}""")!.AsObject();
        Assert.Same(Rs, ReplicaSetSelection.FindNew(d, [old, Rs]));
        Assert.Same(old, ReplicaSetSelection.Old(d, [old, Rs]).Single());
    }
}
