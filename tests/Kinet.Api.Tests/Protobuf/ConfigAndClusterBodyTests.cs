// Hand-built Secret, ConfigMap, Event, Lease, Node, ServiceAccount, IngressClass, Scale and option bodies decode as Go would marshal them.
using System.Text;
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class ConfigAndClusterBodyTests
{
    private static readonly byte[] Binary = [0x00, 0x01, 0xfe, 0xff];

    [Fact]
    public void A_secret_decodes_bytes_data_as_base64_and_keeps_string_data_type_and_immutable()
    {
        var body = ProtoWriter.Body("v1", "Secret", s => s
            .Message(1, m => WorkloadBodyTests.Meta(m, "creds"))
            .Message(2, e => e.String(1, "password").Bytes(2, Encoding.UTF8.GetBytes("s3cret")))
            .Message(2, e => e.String(1, "blob").Bytes(2, Binary))
            .Message(2, e => e.String(1, "empty"))
            .Entry(4, "note", "plain")
            .String(3, "Opaque")
            .Bool(5, false));

        JsonAssert.Equal("""
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"creds","creationTimestamp":null},
             "data":{"password":"czNjcmV0","blob":"AAH+/w==","empty":""},"stringData":{"note":"plain"},
             "type":"Opaque","immutable":false}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_configmap_decodes_data_and_binary_data()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", c => c
            .Message(1, m => WorkloadBodyTests.Meta(m, "cm", "apps"))
            .Entry(2, "app.conf", "key=value\n")
            .Message(3, e => e.String(1, "logo.png").Bytes(2, Binary)));

        JsonAssert.Equal("""
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm","namespace":"apps","creationTimestamp":null},
             "data":{"app.conf":"key=value\n"},"binaryData":{"logo.png":"AAH+/w=="}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void Object_meta_decodes_timestamps_owner_references_finalizers_and_managed_fields()
    {
        // 2025-01-02T03:04:05Z = 1735787045
        var body = ProtoWriter.Body("apps/v1", "ReplicaSet", r => r.Message(1, m => m
            .String(1, "web-5d8f").String(3, "default").String(5, "0b5f-uid").String(6, "42").Varint(7, 3)
            .Message(8, t => t.Varint(1, 1735787045).Varint(2, 999_000_000))
            .Message(9, t => t.Varint(1, 1735787105))
            .Varint(10, 0)
            .Entry(12, "deployment.kubernetes.io/revision", "1")
            .Message(13, o => o.String(1, "Deployment").String(3, "web").String(4, "d-uid").String(5, "apps/v1").Bool(6, true).Bool(7, true))
            .String(14, "foregroundDeletion")
            .Message(17, f => f.String(1, "kube-controller-manager").String(2, "Update").String(3, "apps/v1")
                .Message(4, t => t.Varint(1, 1735787045)).String(6, "FieldsV1")
                .Message(7, v => v.Bytes(1, Encoding.UTF8.GetBytes("""{"f:spec":{"f:replicas":{}}}""")))
                .String(8, ""))));

        JsonAssert.Equal("""
            {"kind":"ReplicaSet","apiVersion":"apps/v1",
             "metadata":{"name":"web-5d8f","namespace":"default","uid":"0b5f-uid","resourceVersion":"42","generation":3,
               "creationTimestamp":"2025-01-02T03:04:05Z","deletionTimestamp":"2025-01-02T03:05:05Z","deletionGracePeriodSeconds":0,
               "annotations":{"deployment.kubernetes.io/revision":"1"},
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"d-uid","controller":true,"blockOwnerDeletion":true}],
               "finalizers":["foregroundDeletion"],
               "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1",
                 "time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void An_event_decodes_its_object_reference_times_and_micro_time()
    {
        var body = ProtoWriter.Body("v1", "Event", e => e
            .Message(1, m => WorkloadBodyTests.Meta(m, "web.17f", "default"))
            .Message(2, o => o.String(1, "Pod").String(2, "default").String(3, "web").String(4, "p-uid").String(5, "v1").String(6, "").String(7, ""))
            .String(3, "Scheduled").String(4, "Successfully assigned default/web to node-a")
            .Message(5, s => s.String(1, "default-scheduler").String(2, ""))
            .Message(6, _ => { })
            .Message(7, _ => { })
            .Varint(8, 0)
            .String(9, "Normal")
            .Message(10, t => t.Varint(1, 1735787045).Varint(2, 123_456_789))
            .String(12, "Binding").String(14, "default-scheduler").String(15, "sched-1"));

        JsonAssert.Equal("""
            {"kind":"Event","apiVersion":"v1","metadata":{"name":"web.17f","namespace":"default","creationTimestamp":null},
             "involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"p-uid","apiVersion":"v1"},
             "reason":"Scheduled","message":"Successfully assigned default/web to node-a",
             "source":{"component":"default-scheduler"},"firstTimestamp":null,"lastTimestamp":null,
             "type":"Normal","eventTime":"2025-01-02T03:04:05.123456Z",
             "action":"Binding","reportingComponent":"default-scheduler","reportingInstance":"sched-1"}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_lease_decodes_micro_times_and_pointer_counters()
    {
        var body = ProtoWriter.Body("coordination.k8s.io/v1", "Lease", l => l
            .Message(1, m => WorkloadBodyTests.Meta(m, "node-a", "kube-node-lease"))
            .Message(2, s => s.String(1, "node-a").Varint(2, 40)
                .Message(3, t => t.Varint(1, 1735787045).Varint(2, 0))
                .Message(4, t => t.Varint(1, 1735787085).Varint(2, 500_000))
                .Varint(5, 0)));

        JsonAssert.Equal("""
            {"kind":"Lease","apiVersion":"coordination.k8s.io/v1",
             "metadata":{"name":"node-a","namespace":"kube-node-lease","creationTimestamp":null},
             "spec":{"holderIdentity":"node-a","leaseDurationSeconds":40,"acquireTime":"2025-01-02T03:04:05.000000Z",
               "renewTime":"2025-01-02T03:04:45.000500Z","leaseTransitions":0}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_node_decodes_taints_capacity_conditions_addresses_and_node_info()
    {
        var body = ProtoWriter.Body("v1", "Node", n => n
            .Message(1, m => WorkloadBodyTests.Meta(m, "node-a", "", ("kubernetes.io/hostname", "node-a")))
            .Message(2, s => s.String(1, "10.244.0.0/24").String(7, "10.244.0.0/24").Bool(4, true)
                .Message(5, t => t.String(1, "node.kubernetes.io/unschedulable").String(3, "NoSchedule").Message(4, tt => tt.Varint(1, 1735787045))))
            .Message(3, st => st
                .Message(1, e => e.String(1, "cpu").Message(2, q => q.String(1, "2")))
                .Message(1, e => e.String(1, "pods").Message(2, q => q.String(1, "110")))
                .Message(4, c => c.String(1, "Ready").String(2, "True").Message(3, t => t.Varint(1, 1735787045)).Message(4, _ => { })
                    .String(5, "KubeletReady").String(6, "kubelet is posting ready status"))
                .Message(5, a => a.String(1, "InternalIP").String(2, "172.18.0.2"))
                .Message(7, i => i.String(4, "6.8.0").String(7, "v1.32.0").String(9, "linux").String(10, "amd64"))));

        JsonAssert.Equal("""
            {"kind":"Node","apiVersion":"v1",
             "metadata":{"name":"node-a","creationTimestamp":null,"labels":{"kubernetes.io/hostname":"node-a"}},
             "spec":{"podCIDR":"10.244.0.0/24","podCIDRs":["10.244.0.0/24"],"unschedulable":true,
               "taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule","timeAdded":"2025-01-02T03:04:05Z"}]},
             "status":{"capacity":{"cpu":"2","pods":"110"},
               "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2025-01-02T03:04:05Z","lastTransitionTime":null,
                 "reason":"KubeletReady","message":"kubelet is posting ready status"}],
               "addresses":[{"type":"InternalIP","address":"172.18.0.2"}],
               "nodeInfo":{"kernelVersion":"6.8.0","kubeletVersion":"v1.32.0","operatingSystem":"linux","architecture":"amd64"}}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_service_account_and_an_ingress_class_decode()
    {
        var sa = ProtoWriter.Body("v1", "ServiceAccount", s => s
            .Message(1, m => WorkloadBodyTests.Meta(m, "builder", "ci"))
            .Message(3, r => r.String(1, "registry"))
            .Bool(4, false));
        var ic = ProtoWriter.Body("networking.k8s.io/v1", "IngressClass", c => c
            .Message(1, m => WorkloadBodyTests.Meta(m, "nginx"))
            .Message(2, s => s.String(1, "k8s.io/ingress-nginx")
                .Message(2, p => p.String(1, "k8s.example.com").String(2, "IngressParameters").String(3, "external").String(4, "Cluster"))));

        JsonAssert.Equal("""
            {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"builder","namespace":"ci","creationTimestamp":null},
             "imagePullSecrets":[{"name":"registry"}],"automountServiceAccountToken":false}
            """, ProtobufDecoder.Decode(sa));
        JsonAssert.Equal("""
            {"kind":"IngressClass","apiVersion":"networking.k8s.io/v1","metadata":{"name":"nginx","creationTimestamp":null},
             "spec":{"controller":"k8s.io/ingress-nginx",
               "parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external","scope":"Cluster"}}}
            """, ProtobufDecoder.Decode(ic));
    }

    [Fact]
    public void A_scale_body_decodes_replicas_and_selector()
    {
        var body = ProtoWriter.Body("autoscaling/v1", "Scale", s => s
            .Message(1, m => WorkloadBodyTests.Meta(m, "web", "default"))
            .Message(2, spec => spec.Varint(1, 0))
            .Message(3, st => st.Varint(1, 2).String(2, "app=web")));

        JsonAssert.Equal("""
            {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"default","creationTimestamp":null},
             "spec":{},"status":{"replicas":2,"selector":"app=web"}}
            """, ProtobufDecoder.Decode(body));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("apps/v1")]
    [InlineData("meta.k8s.io/v1")]
    public void Delete_options_decode_under_any_group_version_with_pointer_fields_kept(string apiVersion)
    {
        var body = ProtoWriter.Body(apiVersion, "DeleteOptions", d => d
            .Varint(1, 0)
            .Message(2, p => p.String(1, "uid-1"))
            .String(4, "Foreground")
            .String(5, "All"));

        JsonAssert.Equal($$"""
            {"kind":"DeleteOptions","apiVersion":"{{apiVersion}}","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"},
             "propagationPolicy":"Foreground","dryRun":["All"]}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void An_eviction_carries_its_delete_options()
    {
        var body = ProtoWriter.Body("policy/v1", "Eviction", e => e
            .Message(1, m => WorkloadBodyTests.Meta(m, "web-1", "default"))
            .Message(2, d => d.Varint(1, 30)));

        JsonAssert.Equal("""
            {"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"web-1","namespace":"default","creationTimestamp":null},
             "deleteOptions":{"gracePeriodSeconds":30}}
            """, ProtobufDecoder.Decode(body));
    }
}
