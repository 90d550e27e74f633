// Server-side apply end to end on JsonObjects: upsert, merge by schema, ownership, conflicts (with kube-apiserver's exact
// Status), force, and removal of fields an applier stops applying.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Patching.Apply;
using static Kinet.Api.Tests.Patching.Apply.Objects;
using static Kinet.Api.Tests.Patching.Apply.Paths;

namespace Kinet.Api.Tests.Patching.Apply;

public class ServerSideApplyTests
{
    private static JsonObject Apply(JsonObject? live, JsonObject applied, string manager = "kubectl", bool force = false, DateTimeOffset? at = null) =>
        ServerSideApply.Apply(Deployments, live, applied, manager, force, at ?? T0);

    [Fact]
    public void Applying_to_nothing_creates_the_object_owned_by_the_applier()
    {
        var created = Apply(null, WebDeployment());

        Assert.Equal(Compact(WebDeployment()), Content(created));
        var entry = Assert.Single(ManagedFieldsOf(created));
        Assert.Equal(
            Lines("""
                {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-11-26T08:00:00Z","fieldsType":"FieldsV1","fieldsV1":
                {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},
                "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}}
                """),
            Compact(entry));
    }

    [Fact]
    public void Applying_the_same_configuration_again_changes_nothing()
    {
        var created = Apply(null, WebDeployment());

        var again = Apply(created, WebDeployment(), at: T1);

        Assert.Equal(Compact(created), Compact(again));
    }

    [Fact]
    public void A_changed_value_is_applied_and_the_time_moves()
    {
        var created = Apply(null, WebDeployment());

        var scaled = Apply(created, WebDeployment(replicas: 3), at: T1);

        Assert.Equal(3, (int)scaled["spec"]!["replicas"]!);
        Assert.Equal("2026-11-26T08:01:00Z", (string)ManagedFieldsOf(scaled)[0]!["time"]!);
    }

    [Fact]
    public void A_second_manager_setting_a_different_value_conflicts()
    {
        var created = Apply(null, WebDeployment(), "alice");

        var e = Assert.Throws<ApiException>(() => Apply(created, WebDeployment(replicas: 5), "bob"));

        Assert.Equal(409, e.Code);
        Assert.Equal("Conflict", e.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas", e.Message);
        Assert.Equal("""{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"alice\"","field":".spec.replicas"}]}""", Compact(e.Details));
    }

    [Fact]
    public void Several_conflicts_are_listed_by_manager_in_upstream_format()
    {
        var created = Apply(null, WebDeployment(), "alice");

        var e = Assert.Throws<ApiException>(() => Apply(created, WebDeployment(replicas: 5, image: "nginx:2"), "bob"));

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"alice\":\n- .spec.replicas\n- .spec.template.spec.containers[name=\"nginx\"].image",
            e.Message);
    }

    [Fact]
    public void Force_takes_the_conflicting_fields_from_the_other_manager()
    {
        var created = Apply(null, WebDeployment(), "alice");

        var forced = Apply(created, WebDeployment(replicas: 5), "bob", force: true, at: T1);

        Assert.Equal(5, (int)forced["spec"]!["replicas"]!);
        Assert.DoesNotContain("f:replicas", FieldsOf(forced, "alice", "Apply"));
        Assert.Contains("f:replicas", FieldsOf(forced, "bob", "Apply"));
    }

    [Fact]
    public void The_same_value_from_two_managers_is_shared_not_a_conflict()
    {
        var created = Apply(null, WebDeployment(), "alice");

        var shared = Apply(created, WebDeployment(), "bob", at: T1);

        Assert.Equal(Content(created), Content(shared));
        Assert.Contains("f:replicas", FieldsOf(shared, "alice", "Apply"));
        Assert.Contains("f:replicas", FieldsOf(shared, "bob", "Apply"));
    }

    [Fact]
    public void A_field_the_applier_stops_applying_is_removed()
    {
        var created = Apply(null, WebDeployment());
        var withoutReplicas = WebDeployment();
        withoutReplicas["spec"]!.AsObject().Remove("replicas");

        var applied = Apply(created, withoutReplicas, at: T1);

        Assert.Null(applied["spec"]!["replicas"]);
        Assert.DoesNotContain("f:replicas", FieldsOf(applied, "kubectl", "Apply"));
    }

    [Fact]
    public void A_field_another_applier_also_owns_is_kept_when_one_stops_applying_it()
    {
        var created = Apply(null, WebDeployment(), "alice");
        var shared = Apply(created, WebDeployment(), "bob", at: T1);
        var withoutReplicas = WebDeployment();
        withoutReplicas["spec"]!.AsObject().Remove("replicas");

        var applied = Apply(shared, withoutReplicas, "alice", at: T2);

        Assert.Equal(2, (int)applied["spec"]!["replicas"]!);
        Assert.DoesNotContain("f:replicas", FieldsOf(applied, "alice", "Apply"));
    }

    [Fact]
    public void A_list_item_the_applier_stops_applying_is_removed_with_its_fields()
    {
        var two = WebDeployment();
        two["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Add(J("{'name':'sidecar','image':'busybox'}"));
        var created = Apply(null, two);

        var applied = Apply(created, WebDeployment(), at: T1);

        Assert.Equal(["nginx"], applied["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public void Containers_merge_by_name_keeping_fields_other_managers_set()
    {
        var created = Apply(null, WebDeployment(), "alice");
        var other = J("""
            {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},
             'spec':{'template':{'spec':{'containers':[{'name':'nginx','env':[{'name':'MODE','value':'x'}]},{'name':'log','image':'busybox'}]}}}}
            """);

        var merged = Apply(created, other, "bob", at: T1);

        var containers = merged["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["nginx", "log"], containers.Select(c => (string)c!["name"]!));
        Assert.Equal("nginx:1.25", (string)containers[0]!["image"]!);
        Assert.Equal("MODE", (string)containers[0]!["env"]![0]!["name"]!);
        Assert.Equal(80, (int)containers[0]!["ports"]![0]!["containerPort"]!);
    }

    [Fact]
    public void A_live_object_with_a_defaulted_key_merges_with_a_configuration_that_omits_it()
    {
        var created = Apply(null, WebDeployment());
        created["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"] = "TCP";

        var again = Apply(created, WebDeployment(), at: T1);

        Assert.Single(again["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.AsArray());
    }

    [Fact]
    public void An_update_after_an_apply_owns_what_it_changed_and_the_next_apply_conflicts_with_it()
    {
        var created = Apply(null, WebDeployment());
        // `kubectl scale deployment web --replicas=5`: a PATCH on the scale subresource without fieldManager, so the
        // manager is the User-Agent prefix.
        var scaled = created.DeepClone().AsObject();
        scaled["spec"]!["replicas"] = 5;
        ManagedFields.RecordUpdate(Deployments, created, scaled, ManagedFields.ManagerFor(null, "kubectl/v1.32.0 (linux/amd64) kubernetes/abc"), "scale", T1);

        var e = Assert.Throws<ApiException>(() => Apply(scaled, WebDeployment(replicas: 3), at: T2));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas", e.Message);
    }

    [Fact]
    public void The_conflict_Status_is_the_one_kube_apiserver_sends()
    {
        // Wire-protocol notes §8: a pod created with client-side apply, then applied server-side with another image.
        var pod = J("""
            {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'default'},
             'spec':{'containers':[{'name':'c','image':'nginx'}]}}
            """);
        ManagedFields.RecordUpdate(Pods, null, pod, "kubectl-client-side-apply", null, T0);
        var applied = J("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'nginx:2'}]}}");

        var e = Assert.Throws<ApiException>(() => ServerSideApply.Apply(Pods, pod, applied, "kubectl", false, T1));

        Assert.Equal(
            Lines("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                "message":"Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .spec.containers[name=\"c\"].image",
                "reason":"Conflict","details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-client-side-apply\" using v1",
                "field":".spec.containers[name=\"c\"].image"}]},"code":409}
                """),
            Compact(e.ToStatus()));
    }

    [Fact]
    public void Kubectl_takes_over_fields_its_last_applied_annotation_still_describes()
    {
        // `kubectl apply` (client-side) then `kubectl apply --server-side` with a new image: upstream does not report
        // conflicts on fields the last-applied configuration matches, and rewrites the annotation.
        var manifest = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'nginx'}]}}";
        var pod = J(manifest);
        pod["metadata"]!["annotations"] = new JsonObject { [LastApplied.Annotation] = J(manifest).ToJsonString() + "\n" };
        ManagedFields.RecordUpdate(Pods, null, pod, "kubectl-client-side-apply", null, T0);
        var applied = J("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'nginx:2'}]}}");

        var result = ServerSideApply.Apply(Pods, pod, applied, "kubectl", false, T1);

        Assert.Equal("nginx:2", (string)result["spec"]!["containers"]![0]!["image"]!);
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"image":"nginx:2","name":"c"}]}}""" + "\n",
            LastApplied.Get(result));
    }

    [Fact]
    public void Another_manager_gets_no_last_applied_exemption()
    {
        var manifest = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'nginx'}]}}";
        var pod = J(manifest);
        pod["metadata"]!["annotations"] = new JsonObject { [LastApplied.Annotation] = J(manifest).ToJsonString() + "\n" };
        ManagedFields.RecordUpdate(Pods, null, pod, "kubectl-client-side-apply", null, T0);
        var applied = J("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'nginx:2'}]}}");

        Assert.Throws<ApiException>(() => ServerSideApply.Apply(Pods, pod, applied, "other", false, T1));
    }

    [Fact]
    public void Fields_of_an_object_nobody_tracked_belong_to_before_first_apply()
    {
        var untracked = WebDeployment();

        var e = Assert.Throws<ApiException>(() => Apply(untracked, WebDeployment(replicas: 4), "alice"));
        var applied = Apply(untracked, WebDeployment(replicas: 4), "alice", force: true);

        Assert.Equal("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas", e.Message);
        Assert.Equal(["alice/Apply", "before-first-apply/Update"], Managers(applied));
    }

    public static TheoryData<string, int, string> BadConfigurations => new()
    {
        { "{'apiVersion':'apps/v1','kind':'Pod','metadata':{'name':'web'}}", 400, "invalid object type: apps/v1, Kind=Pod" },
        { "{'kind':'Deployment','metadata':{'name':'web'}}", 400, "invalid object type: /, Kind=Deployment" },
        { "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','managedFields':[]}}", 400, "metadata.managedFields must be nil" },
        { "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default'},'spec':{'bogus':1}}", 500,
          "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.bogus: field not declared in schema" },
        { "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':{'tolerations':[{'key':'k','bogus':1}]}}}}", 500,
          "failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.template.spec.tolerations[0].bogus: field not declared in schema" },
        { "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':[{'name':'c'},{'name':'c'}]}}}}", 500,
          "failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name=\"c\"]" },
        { "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}", 500,
          "failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits all key fields [\"name\"] (and doesn't have default values for any key fields)" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void A_configuration_the_server_cannot_apply_is_rejected_as_upstream_rejects_it(string body, int code, string message)
    {
        var e = Assert.Throws<ApiException>(() => Apply(null, J(body)));

        Assert.Equal(code, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Service_ports_default_their_protocol_key_so_both_spellings_are_one_port()
    {
        var svc = J("{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},'spec':{'ports':[{'port':80}]}}");
        var created = ServerSideApply.Apply(Services, null, svc, "a", false, T0);
        var explicitTcp = J("{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},'spec':{'ports':[{'port':80,'protocol':'TCP'}]}}");

        var applied = ServerSideApply.Apply(Services, created, explicitTcp, "a", false, T1);

        Assert.Single(applied["spec"]!["ports"]!.AsArray());
        Assert.Contains("""k:{\"port\":80,\"protocol\":\"TCP\"}""", FieldsOf(applied, "a", "Apply"));
    }

    [Fact]
    public void Status_in_an_apply_to_the_main_resource_is_not_owned()
    {
        var withStatus = WebDeployment();
        withStatus["status"] = J("{'replicas':7}");

        var created = Apply(null, withStatus);

        Assert.DoesNotContain("f:status", FieldsOf(created, "kubectl", "Apply"));
    }
}
