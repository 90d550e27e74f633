// Hand-built Deployment and Pod bodies, laid out as gogo-protobuf emits them, decode to the JSON Go would marshal.
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class WorkloadBodyTests
{
    // ObjectMeta as gogo writes it: every non-pointer string/int present even when empty, creationTimestamp an empty message.
    internal static void Meta(ProtoWriter m, string name, string ns = "", params (string Key, string Value)[] labels)
    {
        m.String(1, name).String(2, "").String(3, ns).String(4, "").String(5, "").String(6, "").Varint(7, 0).Message(8, _ => { });
        foreach (var (k, v) in labels) m.Entry(11, k, v);
    }

    [Fact]
    public void A_create_deployment_body_decodes_with_replicas_selector_template_and_strategy()
    {
        // kubectl create deployment d --image=nginx --replicas=2, as gogo lays it out.
        var body = ProtoWriter.Body("apps/v1", "Deployment", d => d
            .Message(1, m => Meta(m, "d", "", ("app", "d")))
            .Message(2, spec => spec
                .Varint(1, 2)
                .Message(2, sel => sel.Entry(1, "app", "d"))
                .Message(3, tpl => tpl
                    .Message(1, m => Meta(m, "", "", ("app", "d")))
                    .Message(2, pod => pod
                        .Message(2, c => c.String(1, "nginx").String(2, "nginx").String(5, "").Message(8, _ => { })
                            .String(13, "").String(14, "").Bool(16, false).Bool(17, false).Bool(18, false).String(20, ""))
                        .String(3, "").String(6, "").String(8, "").String(9, "").String(10, "")
                        .Bool(11, false).Bool(12, false).Bool(13, false).String(16, "").String(17, "").String(19, "")))
                .Message(4, s => s.String(1, ""))
                .Varint(5, 0)
                .Bool(7, false))
            .Message(3, st => st.Varint(1, 0).Varint(2, 0).Varint(3, 0).Varint(4, 0).Varint(5, 0).Varint(7, 0)));

        JsonAssert.Equal("""
            {"kind":"Deployment","apiVersion":"apps/v1",
             "metadata":{"name":"d","creationTimestamp":null,"labels":{"app":"d"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"d"}},
               "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"d"}},
                 "spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},
               "strategy":{}},
             "status":{}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void Pointer_fields_keep_zero_values_and_rolling_update_percentages_stay_strings()
    {
        var body = ProtoWriter.Body("apps/v1", "Deployment", d => d
            .Message(2, spec => spec
                .Varint(1, 0) // *int32 replicas: 0 is a choice, kept
                .Message(4, s => s.String(1, "RollingUpdate")
                    .Message(2, ru => ru.Message(1, i => i.Varint(1, 0).Varint(2, 0)).Message(2, i => i.Varint(1, 1).String(3, "25%"))))
                .Varint(5, 0) // int32 minReadySeconds, omitempty: dropped
                .Varint(6, 0) // *int32 revisionHistoryLimit: kept
                .Varint(9, 600)));

        JsonAssert.Equal("""
            {"kind":"Deployment","apiVersion":"apps/v1",
             "spec":{"replicas":0,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
               "revisionHistoryLimit":0,"progressDeadlineSeconds":600}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_pod_spec_with_probes_volumes_affinity_tolerations_and_security_contexts_decodes_fully()
    {
        var body = ProtoWriter.Body("v1", "Pod", p => p
            .Message(1, m => Meta(m, "web", "default", ("app", "web")))
            .Message(2, spec => spec
                .Message(1, v => v.String(1, "cfg").Message(2, src => src.Message(19, cm => cm
                    .Message(1, r => r.String(1, "settings"))
                    .Message(2, k => k.String(1, "a.conf").String(2, "a.conf"))
                    .Varint(3, 420))))
                .Message(1, v => v.String(1, "scratch").Message(2, src => src.Message(2, e => e.String(1, "Memory")
                    .Message(2, q => q.String(1, "64Mi")))))
                .Message(2, c => c
                    .String(1, "app").String(2, "nginx:1.27")
                    .String(3, "nginx").String(4, "-g").String(4, "daemon off;")
                    .Message(6, port => port.String(1, "http").Varint(3, 80).String(4, "TCP"))
                    .Message(7, e => e.String(1, "MODE").String(2, "prod"))
                    .Message(7, e => e.String(1, "TOKEN").Message(3, src => src.Message(4, s => s
                        .Message(1, r => r.String(1, "creds")).String(2, "token").Bool(3, false))))
                    .Message(8, r => r
                        .Message(1, l => l.String(1, "cpu").Message(2, q => q.String(1, "500m")))
                        .Message(1, l => l.String(1, "memory").Message(2, q => q.String(1, "128Mi")))
                        .Message(2, l => l.String(1, "cpu").Message(2, q => q.String(1, "100m"))))
                    .Message(9, vm => vm.String(1, "cfg").Bool(2, true).String(3, "/etc/app"))
                    .Message(10, pr => pr
                        .Message(1, h => h.Message(2, g => g.String(1, "/healthz").Message(2, i => i.Varint(1, 1).String(3, "http")).String(4, "HTTP")))
                        .Varint(2, 5).Varint(3, 1).Varint(4, 10).Varint(5, 1).Varint(6, 3))
                    .Message(11, pr => pr.Message(1, h => h.Message(3, t => t.Message(1, i => i.Varint(1, 0).Varint(2, 80)))))
                    .String(13, "/dev/termination-log").String(14, "IfNotPresent")
                    .Message(15, sc => sc.Message(1, cap => cap.String(2, "ALL")).Bool(2, false).Varint(4, 1000).Bool(7, false)))
                .String(3, "Always")
                .Varint(4, 30)
                .String(6, "ClusterFirst")
                .Message(14, psc => psc.Varint(2, 1000).Bool(3, true).Varint(4, 2000).Varint(4, 3000).Varint(5, 2000)
                    .Message(10, sp => sp.String(1, "RuntimeDefault")))
                .Message(18, a => a.Message(1, na => na
                    .Message(1, ns => ns.Message(1, term => term.Message(1, req => req
                        .String(1, "kubernetes.io/os").String(2, "In").String(3, "linux"))))))
                .Message(22, t => t.String(1, "node-role").String(2, "Exists").String(4, "NoSchedule"))
                .Message(22, t => t.String(1, "node.kubernetes.io/not-ready").String(2, "Exists").String(4, "NoExecute").Varint(5, 300))
                .Bool(30, false)));

        JsonAssert.Equal("""
            {"kind":"Pod","apiVersion":"v1",
             "metadata":{"name":"web","namespace":"default","creationTimestamp":null,"labels":{"app":"web"}},
             "spec":{
               "volumes":[
                 {"name":"cfg","configMap":{"name":"settings","items":[{"key":"a.conf","path":"a.conf"}],"defaultMode":420}},
                 {"name":"scratch","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}}],
               "containers":[{
                 "name":"app","image":"nginx:1.27","command":["nginx"],"args":["-g","daemon off;"],
                 "ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],
                 "env":[{"name":"MODE","value":"prod"},
                        {"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"creds","key":"token","optional":false}}}],
                 "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"100m"}},
                 "volumeMounts":[{"name":"cfg","readOnly":true,"mountPath":"/etc/app"}],
                 "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},
                   "initialDelaySeconds":5,"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
                 "readinessProbe":{"tcpSocket":{"port":80}},
                 "terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent",
                 "securityContext":{"capabilities":{"drop":["ALL"]},"privileged":false,"runAsUser":1000,"allowPrivilegeEscalation":false}}],
               "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
               "securityContext":{"runAsUser":1000,"runAsNonRoot":true,"supplementalGroups":[2000,3000],"fsGroup":2000,
                 "seccompProfile":{"type":"RuntimeDefault"}},
               "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                 {"matchExpressions":[{"key":"kubernetes.io/os","operator":"In","values":["linux"]}]}]}}},
               "tolerations":[{"key":"node-role","operator":"Exists","effect":"NoSchedule"},
                 {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
               "enableServiceLinks":false}}
            """, ProtobufDecoder.Decode(body));
    }
}
