// What kube-apiserver fills in on create, checked field by field against what `kubectl get -o yaml` shows on a real 1.32 cluster.
using System.Text.Json.Nodes;
using Kinet.Api.Defaulting;
using Kinet.Api.Tests.Validation;

namespace Kinet.Api.Tests.Defaulting;

public sealed class DefaultingTests
{
    private static JsonObject Created(string yaml) => ValidationHarness.Prepared(yaml);

    /// <summary>Follows "a.b[0].c" through objects and arrays; null when any step is missing.</summary>
    internal static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part;
            var indexes = new List<int>();
            while (name.EndsWith(']'))
            {
                var open = name.LastIndexOf('[');
                indexes.Insert(0, int.Parse(name[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
                name = name[..open];
            }
            if (name.Length > 0) node = (node as JsonObject)?[name];
            foreach (var i in indexes) node = node is JsonArray a && i < a.Count ? a[i] : null;
        }
        return node;
    }

    [Fact]
    public void A_bare_pod_gets_what_kube_apiserver_fills_in()
    {
        var pod = Created("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: web, image: nginx}]
            """);
        var expected = TestYaml.Parse("""
            spec:
              containers:
              - image: nginx
                imagePullPolicy: Always
                name: web
                resources: {}
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
              dnsPolicy: ClusterFirst
              enableServiceLinks: true
              preemptionPolicy: PreemptLowerPriority
              priority: 0
              restartPolicy: Always
              schedulerName: default-scheduler
              securityContext: {}
              serviceAccount: default
              serviceAccountName: default
              terminationGracePeriodSeconds: 30
              tolerations:
              - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 300}
              - {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists, tolerationSeconds: 300}
            status:
              phase: Pending
              qosClass: BestEffort
            """);
        Assert.Equal(Canonical(expected["spec"]), Canonical(pod["spec"]));
        Assert.Equal(Canonical(expected["status"]), Canonical(pod["status"]));
    }

    [Fact]
    public void A_bare_cluster_ip_service_gets_what_kube_apiserver_fills_in()
    {
        var svc = Created("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            """);
        var expected = TestYaml.Parse("""
            spec:
              internalTrafficPolicy: Cluster
              ipFamilies: [IPv4]
              ipFamilyPolicy: SingleStack
              ports: [{port: 80, protocol: TCP, targetPort: 80}]
              selector: {app: web}
              sessionAffinity: None
              type: ClusterIP
            status:
              loadBalancer: {}
            """);
        Assert.Equal(Canonical(expected["spec"]), Canonical(svc["spec"]));
        Assert.Equal(Canonical(expected["status"]), Canonical(svc["status"]));
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("localhost:5000/app:v1", "IfNotPresent")]
    [InlineData("", "IfNotPresent")]
    [InlineData("NGINX", "IfNotPresent")]
    [InlineData("Registry.Example.com/app", "Always")]
    [InlineData("registry.k8s.io/pause@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a", "IfNotPresent")]
    public void Image_pull_policy_follows_the_image_tag(string image, string policy) =>
        Assert.Equal(policy, PodDefaults.PullPolicyFor(image));

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 80}]}]}
        """;

    public static TheoryData<string, string, string> Fields => new()
    {
        // kind snippet, field, expected JSON
        { Deployment, "spec.replicas", "1" },
        { Deployment, "spec.strategy", """{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}""" },
        { Deployment, "spec.revisionHistoryLimit", "10" },
        { Deployment, "spec.progressDeadlineSeconds", "600" },
        { Deployment, "spec.template.spec.restartPolicy", "\"Always\"" },
        { Deployment, "spec.template.spec.containers[0].imagePullPolicy", "\"IfNotPresent\"" },
        { Deployment, "spec.template.spec.containers[0].ports[0].protocol", "\"TCP\"" },
        { Deployment, "spec.template.spec.enableServiceLinks", "null" },
        { Deployment, "metadata.generation", "1" },
        { Deployment, "status", "{}" },
        { "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec: {}", "spec.replicas", "1" },
        { "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}", "metadata.labels", """{"kubernetes.io/metadata.name":"team-a"}""" },
        { "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}", "spec.finalizers", """["kubernetes"]""" },
        { "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}", "status", """{"phase":"Active"}""" },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: s}", "type", "\"Opaque\"" },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {user: admin}", "data", """{"user":"YWRtaW4="}""" },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {user: admin}", "stringData", "null" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort, ports: [{port: 80}]}", "spec.externalTrafficPolicy", "\"Cluster\"" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer, ports: [{port: 80}]}", "spec.allocateLoadBalancerNodePorts", "true" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: http}]}", "spec.ports[0].targetPort", "\"http\"" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}], sessionAffinity: ClientIP}", "spec.sessionAffinityConfig", """{"clientIP":{"timeoutSeconds":10800}}""" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName, externalName: example.com}", "spec.ipFamilies", "null" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName, externalName: example.com}", "spec.internalTrafficPolicy", "null" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: None, ports: [{port: 80}]}", "spec.ipFamilyPolicy", "\"RequireDualStack\"" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: None, selector: {app: x}, ports: [{port: 80}]}", "spec.ipFamilyPolicy", "\"SingleStack\"" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: 10.96.0.10, ports: [{port: 53}]}", "spec.clusterIPs", """["10.96.0.10"]""" },
        { "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec: {podSelector: {}}", "spec.policyTypes", """["Ingress"]""" },
        { "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec: {podSelector: {}, egress: [{}]}", "spec.policyTypes", """["Ingress","Egress"]""" },
        { "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec: {podSelector: {}, ingress: [{ports: [{port: 80}]}]}", "spec.ingress[0].ports[0].protocol", "\"TCP\"" },
        { "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {rules: [{http: {paths: [{path: /, backend: {service: {name: a, port: {number: 80}}}}]}}]}", "spec.rules[0].http.paths[0].pathType", "null" },
        { "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {defaultBackend: {service: {name: a, port: {number: 80}}}}", "status", """{"loadBalancer":{}}""" },
        { "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv4\nports: [{port: 80}]", "ports[0]", """{"port":80,"name":"","protocol":"TCP"}""" },
        { "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x, readinessProbe: {httpGet: {port: 80}}}]", "spec.containers[0].readinessProbe",
            """{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3}""" },
        { "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n  volumes: [{name: a}, {name: b, configMap: {name: cm}}, {name: c, secret: {secretName: s}}]", "spec.volumes",
            """[{"name":"a","emptyDir":{}},{"name":"b","configMap":{"name":"cm","defaultMode":420}},{"name":"c","secret":{"secretName":"s","defaultMode":420}}]""" },
        { "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x, resources: {limits: {cpu: 1, memory: 1Gi}}}]", "spec.containers[0].resources.requests", """{"cpu":1,"memory":"1Gi"}""" },
        { "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers: [{name: c, image: x}]", "spec.restartPolicy", "\"Never\"" },
        { "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]", "spec.containers[0].ports[0].hostPort", "8080" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Created_objects_carry_upstream_defaults(string yaml, string field, string expectedJson)
    {
        var actual = At(Created(yaml), field);
        Assert.Equal(Canonical(JsonNode.Parse(expectedJson)), Canonical(actual));
    }

    public static TheoryData<string, string> QosCases => new()
    {
        { "{}", "BestEffort" },
        { "{requests: {cpu: 100m}}", "Burstable" },
        { "{limits: {cpu: 1, memory: 1Gi}}", "Guaranteed" },
        { "{requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: 1, memory: 1Gi}}", "Burstable" },
        { "{limits: {cpu: 1}}", "Burstable" },
    };

    [Theory]
    [MemberData(nameof(QosCases))]
    public void A_pods_qos_class_follows_its_requests_and_limits(string resources, string qos)
    {
        var pod = Created($"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers: [{{name: c, image: x, resources: {resources}}}]");
        Assert.Equal(qos, (string?)At(pod, "status.qosClass"));
    }

    /// <summary>Property order does not matter to a Kubernetes client; compare sorted JSON.</summary>
    internal static string Canonical(JsonNode? n) => n switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"\"{kv.Key}\":{Canonical(kv.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => n.ToJsonString(),
    };
}
