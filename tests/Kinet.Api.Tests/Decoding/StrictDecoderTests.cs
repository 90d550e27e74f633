// Type errors, unknown and duplicate fields in request bodies, worded as kube-apiserver 1.32 words them.
using System.Text.Json.Nodes;
using Kinet.Api.Decoding;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.Decoding;

public class StrictDecoderTests
{
    private static ResourceInfo R(string plural) => ResourceRegistry.Resources.First(r => r.Plural == plural);
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    public static TheoryData<string, string, string> TypeErrors => new()
    {
        { "deployments", """{"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":"3"}}""",
          """Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32""" },
        { "deployments", """{"spec":{"replicas":1.5}}""",
          """Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32""" },
        { "deployments", """{"spec":{"replicas":3000000000}}""",
          """Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32""" },
        { "deployments", """{"spec":[]}""",
          """Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal array into Go struct field Deployment.spec of type v1.DeploymentSpec""" },
        { "pods", """{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a","image":5}]}}""",
          """Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string""" },
        { "pods", """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"protocol":6}]}]}}""",
          """Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ContainerPort.spec.containers.ports.protocol of type v1.Protocol""" },
        { "pods", """{"spec":{"containers":{}}}""",
          """Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container""" },
        { "pods", """{"metadata":{"labels":{"a":1}}}""",
          """Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string""" },
        { "pods", """{"spec":{"hostNetwork":"yes"}}""",
          """Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool""" },
        { "pods", """{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"lots"}}}]}}""",
          """Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'""" },
        { "pods", """{"metadata":{"creationTimestamp":"yesterday"}}""",
          "Pod in version \"v1\" cannot be handled as a Pod: parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"" },
        { "pods", """{"metadata":{"creationTimestamp":5}}""",
          """Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go value of type string""" },
        { "leases", """{"kind":"Lease","spec":{"renewTime":"2026-11-26T08:00:00Z"}}""",
          "Lease in version \"v1\" cannot be handled as a Lease: parsing time \"2026-11-26T08:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\"" },
        { "pods", """{"metadata":{"creationTimestamp":"2026-02-30T00:00:00Z"}}""",
          "Pod in version \"v1\" cannot be handled as a Pod: parsing time \"2026-02-30T00:00:00Z\": day out of range" },
        { "services", """{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"targetPort":true}]}}""",
          """Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go value of type int32""" },
        { "secrets", """{"kind":"Secret","data":{"k":"!!!!"}}""",
          """Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0""" },
        { "configmaps", """{"kind":"ConfigMap","data":["a"]}""",
          """ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string""" },
        { "deployments", """{"spec":{"replicas":"a","paused":"b"}}""",
          """Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32""" },
    };

    [Theory]
    [MemberData(nameof(TypeErrors))]
    public void A_wrong_json_type_is_a_bad_request(string plural, string body, string message)
    {
        foreach (var mode in Enum.GetValues<FieldValidation>())
        {
            var ex = Assert.Throws<ApiException>(() => StrictDecoder.Check(R(plural), J(body), mode));
            Assert.Equal((400, "BadRequest", message), (ex.Code, ex.Reason, ex.Message));
        }
    }

    private const string WithUnknownFields = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"foo":1,"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"i","bar":true}]}}}}
        """;

    [Fact]
    public void Strict_refuses_unknown_fields_naming_each_path()
    {
        var ex = Assert.Throws<ApiException>(() => StrictDecoder.Check(R("deployments"), J(WithUnknownFields), FieldValidation.Strict));
        Assert.Equal(400, ex.Code);
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.foo\", unknown field \"spec.template.spec.containers[0].bar\"", ex.Message);
    }

    [Fact]
    public void Warn_reports_unknown_fields_and_drops_them()
    {
        var obj = J(WithUnknownFields);
        var result = StrictDecoder.Check(R("deployments"), obj, FieldValidation.Warn);
        Assert.Equal(["unknown field \"spec.foo\"", "unknown field \"spec.template.spec.containers[0].bar\""], result.Warnings);
        Assert.Null(obj["spec"]!["foo"]);
        Assert.False(obj["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().ContainsKey("bar"));
        Assert.Equal(2, (int)obj["spec"]!["replicas"]!);
    }

    [Fact]
    public void Ignore_drops_unknown_fields_silently()
    {
        var obj = J(WithUnknownFields);
        Assert.Empty(StrictDecoder.Check(R("deployments"), obj, FieldValidation.Ignore).Warnings);
        Assert.False(obj["spec"]!.AsObject().ContainsKey("foo"));
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var result = StrictDecoder.Check(R("deployments"), J("""{"spec":{"Replicas":2}}"""), FieldValidation.Warn);
        Assert.Equal(["unknown field \"spec.Replicas\""], result.Warnings);
    }

    [Fact]
    public void Duplicate_fields_found_while_parsing_are_strict_errors()
    {
        var parsed = JsonBody.Parse("""{"kind":"Deployment","spec":{"replicas":1,"replicas":2},"metadata":{"labels":{"a":"1","a":"2"}}}""");
        var obj = parsed.Root!.AsObject();
        Assert.Equal(2, (int)obj["spec"]!["replicas"]!);
        var warn = StrictDecoder.Check(R("deployments"), obj, FieldValidation.Warn, parsed.DuplicateFields);
        Assert.Equal(["duplicate field \"spec.replicas\"", "duplicate field \"metadata.labels.a\""], warn.Warnings);
        var ex = Assert.Throws<ApiException>(() => StrictDecoder.Check(R("deployments"), obj, FieldValidation.Strict, parsed.DuplicateFields));
        Assert.EndsWith("strict decoding error: duplicate field \"spec.replicas\", duplicate field \"metadata.labels.a\"", ex.Message);
    }

    [Fact]
    public void Complete_objects_as_the_server_stores_them_decode_cleanly()
    {
        var pod = J("""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"p","namespace":"default","uid":"u","resourceVersion":"5","generation":1,
                         "creationTimestamp":"2026-11-26T08:00:00+01:00","labels":{"run":"p"},"finalizers":["x"],
                         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"1","controller":true}],
                         "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-11-26T08:00:00Z",
                                           "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:run":{}}}}}]},
             "spec":{"containers":[{"name":"p","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],
                                    "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":0.25}},
                                    "env":[{"name":"A","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}]}],
                     "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
                     "tolerations":[{"key":"k","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]},
             "status":{"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"}],
                       "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-26T08:00:01Z"}],
                       "startTime":"2026-11-26T08:00:00Z"}}
            """);
        var before = pod.ToJsonString();
        Assert.Empty(StrictDecoder.Check(R("pods"), pod, FieldValidation.Strict).Warnings);
        Assert.Equal(before, pod.ToJsonString());
    }

    [Fact]
    public void Every_served_kind_accepts_its_type_meta_and_metadata()
    {
        foreach (var r in ResourceRegistry.Resources)
        {
            var obj = J("{\"apiVersion\":\"" + r.ApiVersion + "\",\"kind\":\"" + r.Kind + "\",\"metadata\":{\"name\":\"x\",\"annotations\":{\"a\":\"b\"}}}");
            Assert.Empty(StrictDecoder.Check(r, obj, FieldValidation.Strict).Warnings);
        }
    }

    [Fact]
    public void A_patched_object_with_unknown_fields_is_invalid_on_the_patch_field()
    {
        var patched = J("""{"spec":{"foo":1}}""");
        var ex = Assert.Throws<ApiException>(() => StrictDecoder.CheckPatched(R("deployments"), patched, FieldValidation.Strict, """{"spec":{"foo":1}}"""));
        Assert.Equal((422, "Invalid"), (ex.Code, ex.Reason));
        Assert.Equal(" \"\" is invalid: patch: Invalid value: \"{\\\"spec\\\":{\\\"foo\\\":1}}\": strict decoding error: unknown field \"spec.foo\"", ex.Message);
        Assert.Equal(["unknown field \"spec.foo\""], StrictDecoder.CheckPatched(R("deployments"), J("""{"spec":{"foo":1}}"""), FieldValidation.Warn, "x").Warnings);
    }

    public static TheoryData<string, string> ConverterErrors => new()
    {
        // a deployment after a strategic merge patch; the converter's error text
        { """{"spec":{"replicas":"3"}}""", "unrecognized type: int32" },
        { """{"spec":{"replicas":1.5}}""", "cannot convert float64 to int32" },
        { """{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"protocol":6}]}]}}}}""", "cannot convert int64 to v1.Protocol" },
        { """{"spec":{"template":{"spec":{"containers":{}}}}}""", "cannot restore slice from map" },
        { """{"spec":{"selector":"x"}}""", "cannot restore struct from: string" },
        { """{"metadata":{"labels":[]}}""", "cannot restore map from slice" },
        { """{"spec":{"paused":"yes"}}""", "unrecognized type: bool" },
    };

    [Theory]
    [MemberData(nameof(ConverterErrors))]
    public void A_strategic_merge_result_that_does_not_convert_is_invalid_with_the_converter_text(string patched, string error)
    {
        var ex = Assert.Throws<ApiException>(() => StrictDecoder.CheckPatched(R("deployments"), J(patched), FieldValidation.Strict, "map[]", fromStrategicMerge: true));
        Assert.Equal(422, ex.Code);
        Assert.Equal($" \"\" is invalid: patch: Invalid value: \"map[]\": {error}", ex.Message);
    }

    [Fact]
    public void A_strategic_merge_result_reports_unknown_fields_sorted_after_the_patch_own_errors()
    {
        var patched = J("""{"spec":{"zeta":1,"alpha":2}}""");
        var result = StrictDecoder.CheckPatched(R("deployments"), patched, FieldValidation.Warn, "m", fromStrategicMerge: true, patchStrictErrors: ["duplicate field \"spec\""]);
        Assert.Equal(["duplicate field \"spec\"", "unknown field \"spec.alpha\"", "unknown field \"spec.zeta\""], result.Warnings);
        Assert.Empty(patched["spec"]!.AsObject());
    }
}
