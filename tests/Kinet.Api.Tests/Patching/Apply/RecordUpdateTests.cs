// Ownership of non-apply writes: a creator owns what it set, an updater takes what it changed, removed fields leave
// everyone, and the entries look exactly like kube-apiserver's.
using System.Text.Json.Nodes;
using Kinet.Api.Patching.Apply;
using static Kinet.Api.Tests.Patching.Apply.Objects;
using static Kinet.Api.Tests.Patching.Apply.Paths;

namespace Kinet.Api.Tests.Patching.Apply;

public class RecordUpdateTests
{
    private static JsonObject Created()
    {
        var pod = RunPod();
        ManagedFields.RecordUpdate(Pods, null, pod, "kubectl-run", null, T0);
        return pod;
    }

    [Fact]
    public void A_created_pod_is_owned_by_its_creator_except_status_and_server_metadata()
    {
        var pod = Created();

        var entry = Assert.Single(ManagedFieldsOf(pod));
        Assert.Equal(
            Lines("""
                {"manager":"kubectl-run","operation":"Update","apiVersion":"v1","time":"2026-11-26T08:00:00Z","fieldsType":"FieldsV1","fieldsV1":
                {"f:metadata":{"f:labels":{".":{},"f:run":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"x\"}":{".":{},"f:image":{},
                "f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},
                "f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},
                "f:terminationGracePeriodSeconds":{}}}}
                """),
            Compact(entry));
    }

    [Fact]
    public void A_label_patch_takes_the_label_and_leaves_the_rest_with_the_creator()
    {
        var old = Created();
        var labeled = old.DeepClone().AsObject();
        labeled["metadata"]!["labels"]!["env"] = "prod";

        ManagedFields.RecordUpdate(Pods, old, labeled, "kubectl-label", null, T1);

        Assert.Equal(["kubectl-run/Update", "kubectl-label/Update"], Managers(labeled));
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:env":{}}}}""", FieldsOf(labeled, "kubectl-label", "Update"));
        Assert.Contains("\"f:run\"", FieldsOf(labeled, "kubectl-run", "Update"));
    }

    [Fact]
    public void Changing_a_value_moves_it_to_the_new_manager()
    {
        var old = Created();
        var edited = old.DeepClone().AsObject();
        edited["spec"]!["containers"]![0]!["image"] = "nginx:2";

        ManagedFields.RecordUpdate(Pods, old, edited, "kubectl-edit", null, T1);

        Assert.Equal("""{"f:spec":{"f:containers":{"k:{\"name\":\"x\"}":{"f:image":{}}}}}""", FieldsOf(edited, "kubectl-edit", "Update"));
        Assert.DoesNotContain("\"f:image\"", FieldsOf(edited, "kubectl-run", "Update"));
    }

    [Fact]
    public void A_manager_left_with_nothing_is_dropped()
    {
        var v1 = Created();
        var v2 = v1.DeepClone().AsObject();
        v2["metadata"]!["labels"]!["tier"] = "a";
        ManagedFields.RecordUpdate(Pods, v1, v2, "first", null, T1);
        var v3 = v2.DeepClone().AsObject();
        v3["metadata"]!["labels"]!["tier"] = "b";

        ManagedFields.RecordUpdate(Pods, v2, v3, "second", null, T2);

        Assert.Equal(["kubectl-run/Update", "second/Update"], Managers(v3));
    }

    [Fact]
    public void A_creator_keeps_a_map_it_created_even_when_all_its_entries_are_taken()
    {
        var cm = ConfigMap("{'a':'1'}");
        ManagedFields.RecordUpdate(ConfigMaps, null, cm, "creator", null, T0);
        var replaced = cm.DeepClone().AsObject();
        replaced["data"] = J("{'a':'2'}");

        ManagedFields.RecordUpdate(ConfigMaps, cm, replaced, "replacer", null, T1);

        Assert.Equal("""{"f:data":{}}""", FieldsOf(replaced, "creator", "Update"));
        Assert.Equal("""{"f:data":{"f:a":{}}}""", FieldsOf(replaced, "replacer", "Update"));
    }

    [Fact]
    public void Removing_a_field_removes_it_from_every_owner()
    {
        var old = Created();
        var unlabeled = old.DeepClone().AsObject();
        unlabeled["metadata"]!.AsObject().Remove("labels");

        ManagedFields.RecordUpdate(Pods, old, unlabeled, "kubectl-label", null, T1);

        Assert.Equal(["kubectl-run/Update"], Managers(unlabeled));
        Assert.DoesNotContain("f:labels", FieldsOf(unlabeled, "kubectl-run", "Update"));
    }

    [Fact]
    public void A_write_that_changes_nothing_leaves_the_entries_and_their_times_alone()
    {
        var old = Created();
        var same = old.DeepClone().AsObject();
        same["metadata"]!["resourceVersion"] = "2";

        ManagedFields.RecordUpdate(Pods, old, same, "kubectl-replace", null, T1);

        Assert.Equal(Compact(ManagedFieldsOf(old)), Compact(ManagedFieldsOf(same)));
    }

    [Fact]
    public void Repeated_updates_by_one_manager_accumulate_in_one_entry_with_the_latest_time()
    {
        var v1 = Created();
        var v2 = v1.DeepClone().AsObject();
        v2["metadata"]!["labels"]!["a"] = "1";
        ManagedFields.RecordUpdate(Pods, v1, v2, "ctl", null, T1);
        var v3 = v2.DeepClone().AsObject();
        v3["metadata"]!["labels"]!["b"] = "2";
        ManagedFields.RecordUpdate(Pods, v2, v3, "ctl", null, T2);

        Assert.Equal("""{"f:metadata":{"f:labels":{"f:a":{},"f:b":{}}}}""", FieldsOf(v3, "ctl", "Update"));
        Assert.Equal("2026-11-26T08:02:00Z", (string)ManagedFieldsOf(v3).Single(e => (string)e!["manager"]! == "ctl")!["time"]!);
    }

    [Fact]
    public void A_status_write_is_recorded_under_the_status_subresource_and_ignores_spec()
    {
        var old = Created();
        var updated = old.DeepClone().AsObject();
        updated["status"]!["phase"] = "Running";
        updated["spec"]!["nodeName"] = "n1";

        ManagedFields.RecordUpdate(Pods, old, updated, "kubelet", "status", T1);

        var entry = ManagedFieldsOf(updated).Single(e => (string)e!["manager"]! == "kubelet")!;
        Assert.Equal("status", (string)entry["subresource"]!);
        Assert.Equal("""{"f:status":{"f:phase":{}}}""", Compact(entry["fieldsV1"]));
    }

    [Fact]
    public void An_empty_list_of_entries_strips_them_and_the_object_stays_untracked()
    {
        var old = Created();
        var reset = old.DeepClone().AsObject();
        reset["metadata"]!["managedFields"] = new JsonArray();
        reset["metadata"]!["annotations"] = J("{'a':'b'}");

        ManagedFields.RecordUpdate(Pods, old, reset, "ctl", null, T1);
        var next = reset.DeepClone().AsObject();
        next["metadata"]!["labels"]!["more"] = "x";
        ManagedFields.RecordUpdate(Pods, reset, next, "ctl", null, T2);

        Assert.Null(ManagedFields.Entries(reset));
        Assert.Null(ManagedFields.Entries(next));
    }

    [Fact]
    public void Client_sent_valid_entries_replace_the_live_ones()
    {
        var old = Created();
        var sent = old.DeepClone().AsObject();
        sent["metadata"]!["managedFields"] = JsonNode.Parse(
            """[{"manager":"someone","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:run":{}}}}}]""");
        sent["metadata"]!["annotations"] = J("{'a':'b'}");

        ManagedFields.RecordUpdate(Pods, old, sent, "ctl", null, T1);

        Assert.Equal(["someone/Update", "ctl/Update"], Managers(sent));
    }

    [Fact]
    public void Invalid_client_sent_entries_are_ignored_in_favour_of_the_live_ones()
    {
        var old = Created();
        var sent = old.DeepClone().AsObject();
        sent["metadata"]!["managedFields"] = JsonNode.Parse("""[{"manager":"x","operation":"Bogus","apiVersion":"v1","fieldsType":"FieldsV1"}]""");

        ManagedFields.RecordUpdate(Pods, old, sent, "ctl", null, T1);

        Assert.Equal(["kubectl-run/Update"], Managers(sent));
    }

    [Fact]
    public void More_than_ten_updaters_fold_the_oldest_into_ancient_changes()
    {
        var cm = ConfigMap("{'k0':'v'}");
        ManagedFields.RecordUpdate(ConfigMaps, null, cm, "m00", null, T0);
        for (var i = 1; i < 12; i++)
        {
            var next = cm.DeepClone().AsObject();
            next["data"]![$"k{i}"] = "v";
            ManagedFields.RecordUpdate(ConfigMaps, cm, next, $"m{i:00}", null, T0.AddSeconds(i));
            cm = next;
        }

        var managers = Managers(cm);
        Assert.Equal(10, managers.Length);
        Assert.Contains("ancient-changes/Update", managers);
        Assert.DoesNotContain("m00/Update", managers);
        Assert.DoesNotContain("m01/Update", managers);
        Assert.DoesNotContain("m02/Update", managers);
        Assert.Equal("""{"f:data":{".":{},"f:k0":{},"f:k1":{},"f:k2":{}}}""", FieldsOf(cm, "ancient-changes", "Update"));
    }

    [Theory]
    [InlineData(null, "kubectl/v1.32.0 (linux/amd64) kubernetes/abc1234", "kubectl")]
    [InlineData("kubectl-label", "kubectl/v1.32.0 (linux/amd64) kubernetes/abc1234", "kubectl-label")]
    [InlineData("", "curl/8.5.0", "curl")]
    [InlineData(null, null, "")]
    public void The_manager_is_the_fieldManager_parameter_or_the_user_agent_prefix(string? fieldManager, string? userAgent, string expected)
    {
        Assert.Equal(expected, ManagedFields.ManagerFor(fieldManager, userAgent));
    }

    [Fact]
    public void Client_sent_entries_are_validated_like_upstream_metadata()
    {
        var errors = ManagedFields.Validate(JsonNode.Parse("""[{"manager":"m","operation":"Bogus","fieldsType":"FieldsV2"}]"""));

        Assert.Equal(
            ["metadata.managedFields[0].operation: Invalid value: \"Bogus\": must be `Apply` or `Update`",
             "metadata.managedFields[0].fieldsType: Invalid value: \"FieldsV2\": must be `FieldsV1`"],
            errors.Select(e => e.ToString()));
    }
}
