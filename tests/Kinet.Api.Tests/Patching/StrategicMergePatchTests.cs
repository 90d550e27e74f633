// Strategic merge patch on real kinds, with the patches kubectl 1.32 actually sends (wire-protocol doc §3.3, §4).
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Patching;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.Patching;

public class StrategicMergePatchTests
{
    private static readonly ResourceInfo Deployments = ResourceRegistry.Get("apps", "deployments");
    private static readonly ResourceInfo Services = ResourceRegistry.Get("", "services");
    private static readonly ResourceInfo Pods = ResourceRegistry.Get("", "pods");

    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonPatch.SameJson(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\n     got {actual.ToJsonString()}");

    private const string LiveDeployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","labels":{"app":"web"},
                     "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                             "spec":{"containers":[{"name":"nginx","image":"nginx:1.25",
                                                    "ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}
        """;

    [Fact]
    public void Client_side_apply_patch_updates_the_image_and_keeps_the_ports()
    {
        var patch = J("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},
             "spec":{"replicas":3,"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
                     "containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}
            """);
        var result = StrategicMergePatch.Apply(Deployments, J(LiveDeployment), patch);
        AssertJson("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web"},
                         "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                     "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
                     "template":{"metadata":{"labels":{"app":"web"}},
                                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.26",
                                                        "ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}
            """, result);
    }

    [Fact]
    public void Patching_a_service_port_adds_it_before_the_existing_one()
    {
        var live = J("""{"spec":{"ports":[{"port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"web"}}}""");
        var result = StrategicMergePatch.Apply(Services, live, J("""{"spec":{"ports":[{"port":81}]}}"""));
        AssertJson("""{"spec":{"ports":[{"port":81},{"port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"web"}}}""", result);
    }

    [Fact]
    public void Set_image_changes_one_container_and_keeps_the_order()
    {
        var live = J("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"side","image":"side:1"}]}}}}""");
        var patch = J("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"side"}],"containers":[{"image":"side:2","name":"side"}]}}}}""");
        var result = StrategicMergePatch.Apply(Deployments, live, patch);
        AssertJson("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"side","image":"side:2"}]}}}}""", result);
    }

    [Fact]
    public void Set_element_order_reorders_the_live_list()
    {
        var live = J("""{"spec":{"containers":[{"name":"a","image":"a"},{"name":"b","image":"b"}]}}""");
        var patch = J("""{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}""");
        AssertJson("""{"spec":{"containers":[{"name":"b","image":"b"},{"name":"a","image":"a"}]}}""", StrategicMergePatch.Apply(Pods, live, patch));
    }

    [Fact]
    public void Rollout_restart_adds_the_restarted_at_annotation_to_the_template()
    {
        var patch = J("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-26T09:00:00Z"}}}}}""");
        var result = StrategicMergePatch.Apply(Deployments, J(LiveDeployment), patch);
        Assert.Equal("2026-11-26T09:00:00Z", (string?)result["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal("web", (string?)result["spec"]!["template"]!["metadata"]!["labels"]!["app"]);
    }

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // description, live pod, patch, expected
        { "null deletes a field", """{"metadata":{"labels":{"a":"1","b":"2"}}}""", """{"metadata":{"labels":{"a":null}}}""", """{"metadata":{"labels":{"b":"2"}}}""" },
        { "$patch replace on a map replaces it", """{"metadata":{"labels":{"a":"1","b":"2"}}}""", """{"metadata":{"labels":{"$patch":"replace","c":"3"}}}""", """{"metadata":{"labels":{"c":"3"}}}""" },
        { "$patch delete on a map empties it", """{"metadata":{"labels":{"a":"1"}}}""", """{"metadata":{"labels":{"$patch":"delete"}}}""", """{"metadata":{"labels":{}}}""" },
        { "$patch delete on a list item removes it",
          """{"spec":{"containers":[{"name":"a","image":"a"},{"name":"b","image":"b"}]}}""",
          """{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}""",
          """{"spec":{"containers":[{"name":"b","image":"b"}]}}""" },
        { "$patch replace on a list makes the other items the whole list",
          """{"spec":{"containers":[{"name":"a","image":"a"},{"name":"b","image":"b"}]}}""",
          """{"spec":{"containers":[{"name":"c","image":"c"},{"$patch":"replace"}]}}""",
          """{"spec":{"containers":[{"name":"c","image":"c"}]}}""" },
        { "nested lists merge by their own keys",
          """{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}],"volumeMounts":[{"name":"v","mountPath":"/v"}]}]}}""",
          """{"spec":{"containers":[{"name":"a","env":[{"name":"Y","value":"2"}],"volumeMounts":[{"name":"w","mountPath":"/v"}]}]}}""",
          """{"spec":{"containers":[{"name":"a","env":[{"name":"Y","value":"2"},{"name":"X","value":"1"}],"volumeMounts":[{"name":"w","mountPath":"/v"}]}]}}""" },
        { "lists without a merge key are replaced",
          """{"spec":{"tolerations":[{"key":"a","operator":"Exists"}],"containers":[{"name":"a","command":["x","y"]}]}}""",
          """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}],"containers":[{"name":"a","command":["z"]}]}}""",
          """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}],"containers":[{"name":"a","command":["z"]}]}}""" },
        { "merged primitive lists are deduplicated, new values first",
          """{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["b","c"]}}""", """{"metadata":{"finalizers":["a","b","c"]}}""" },
        { "$deleteFromPrimitiveList removes values",
          """{"metadata":{"finalizers":["a","b","c"]}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}""", """{"metadata":{"finalizers":["a","c"]}}""" },
        { "$retainKeys clears the fields it does not list",
          """{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}""",
          """{"spec":{"volumes":[{"name":"v","$retainKeys":["name","hostPath"],"hostPath":{"path":"/tmp"}}]}}""",
          """{"spec":{"volumes":[{"name":"v","hostPath":{"path":"/tmp"}}]}}""" },
        { "owner references merge by uid",
          """{"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]}}""", """{"metadata":{"ownerReferences":[{"uid":"1","name":"b"},{"uid":"2","name":"c"}]}}""",
          """{"metadata":{"ownerReferences":[{"uid":"1","name":"b"},{"uid":"2","name":"c"}]}}""" },
        { "a new field is added without its nulls and directives",
          """{"spec":{}}""", """{"spec":{"securityContext":{"runAsUser":1,"fsGroup":null}}}""", """{"spec":{"securityContext":{"runAsUser":1}}}""" },
        { "unknown fields merge like a JSON merge patch",
          """{"spec":{"foo":{"a":1,"l":[1,2]}}}""", """{"spec":{"foo":{"b":2,"l":[3]}}}""", """{"spec":{"foo":{"a":1,"b":2,"l":[3]}}}""" },
        { "large integers survive exactly", """{"metadata":{"generation":9007199254740993}}""", """{"metadata":{"labels":{"a":"b"}}}""",
          """{"metadata":{"generation":9007199254740993,"labels":{"a":"b"}}}""" },
        { "80.0 is not the merge key 80, as in Go", """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}""",
          """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80.0,"name":"x"}]}]}}""",
          """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"name":"x"},{"containerPort":80}]}]}}""" },
        { "a scalar replaces a scalar", """{"spec":{"nodeName":"a"}}""", """{"spec":{"nodeName":"b"}}""", """{"spec":{"nodeName":"b"}}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pod_patch(string description, string live, string patch, string expected)
    {
        Assert.NotEmpty(description);
        AssertJson(expected, StrategicMergePatch.Apply(Pods, J(live), J(patch)));
    }

    [Fact]
    public void Changing_the_deployment_strategy_with_retain_keys_drops_rolling_update()
    {
        var patch = J("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");
        var result = StrategicMergePatch.Apply(Deployments, J(LiveDeployment), patch);
        AssertJson("""{"type":"Recreate"}""", result["spec"]!["strategy"]!);
    }

    [Fact]
    public void Built_nodes_are_accepted_and_results_read_like_parsed_json()
    {
        var live = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 1, ["paused"] = false, ["minReadySeconds"] = 2.5 } };
        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 4L, ["revisionHistoryLimit"] = "x" } };
        var result = StrategicMergePatch.Apply(Deployments, live, patch);
        Assert.Equal(4, (int)result["spec"]!["replicas"]!);
        Assert.False((bool)result["spec"]!["paused"]!);
        Assert.Equal(2.5, (double)result["spec"]!["minReadySeconds"]!);
    }

    [Fact]
    public void A_patch_is_described_as_go_prints_the_patch_map() =>
        Assert.Equal("map[metadata:map[labels:map[a:<nil>]] spec:map[replicas:3 x:[1 b 2.5 true]]]",
            StrategicMergePatch.Describe(J("""{"spec":{"x":[1,"b",2.5,true],"replicas":3},"metadata":{"labels":{"a":null}}}""")));

    [Fact]
    public void The_inputs_are_not_modified()
    {
        var live = J(LiveDeployment);
        var patch = J("""{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"nginx","$patch":"delete"}]}}}}""");
        var (liveBefore, patchBefore) = (live.ToJsonString(), patch.ToJsonString());
        StrategicMergePatch.Apply(Deployments, live, patch);
        Assert.Equal(liveBefore, live.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }

    public static TheoryData<string, int, string> Errors => new()
    {
        // patch against a pod with one container "a"; HTTP code; message
        { """{"spec":{"containers":[{"image":"x"}]}}""", 500, "map: map[image:x] does not contain declared merge key: name" },
        { """{"spec":{"$retainKeys":"x"}}""", 400, "invalid patch format of retainKeys" },
        { """{"spec":{"$retainKeys":["nodeName"],"hostname":"h"}}""", 400, "invalid patch format of retainKeys" },
        { """{"spec":{"$setElementOrder":[]}}""", 400, "invalid patch format of setElementOrder list" },
        { """{"metadata":{"$deleteFromPrimitiveList":["a"]}}""", 400, "invalid patch format of primitive list" },
        { """{"metadata":{"labels":{"$patch":"merge"}}}""", 500, "unknown patch type: merge in map: map[$patch:merge]" },
        { """{"spec":{"containers":[{"name":"a","$patch":"merge"}]}}""", 500, "merging lists cannot yet be specified in the patch" },
        { """{"metadata":{"finalizers":[["a"]]}}""", 422, "the server rejected our request due to an error in our request" },
        { """{"spec":{"containers":[["a"]]}}""", 500, "list element types are not identical: [[map[image:a name:a]] [[a]]]" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bad_patches_fail_like_kube_apiserver(string patch, int code, string message)
    {
        var live = J("""{"metadata":{"labels":{"a":"1"},"finalizers":[]},"spec":{"containers":[{"name":"a","image":"a"}]}}""");
        var ex = Assert.ThrowsAny<ApiException>(() => StrategicMergePatch.Apply(Pods, live, J(patch)));
        Assert.Equal(code, ex.Code);
        Assert.Equal(message, ex.Message);
    }
}
