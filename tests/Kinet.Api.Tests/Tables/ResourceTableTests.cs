// Golden rows for every resource other than pods, as `kubectl get <resource> -o wide` would print them (cells joined by " | ").
using static Kinet.Api.Tests.Tables.TableTestKit;

namespace Kinet.Api.Tests.Tables;

public class ResourceTableTests
{
    // Every object below was created ten days before Now.
    private const string Meta = """ "metadata":{"name":"x","namespace":"default","creationTimestamp":"2025-01-01T12:00:00Z"} """;

    public static TheoryData<string, string, string, string> Rows => new()
    {
        // Services
        { "", "services", "{" + Meta + ""","spec":{"type":"ClusterIP","clusterIP":"10.96.0.20","clusterIPs":["10.96.0.20"],"ports":[{"port":80,"protocol":"TCP"}],"selector":{"app":"web","tier":"fe"}}}""",
          "x | ClusterIP | 10.96.0.20 | <none> | 80/TCP | 10d | app=web,tier=fe" },
        { "", "services", "{" + Meta + ""","spec":{"type":"NodePort","clusterIPs":["10.96.0.21"],"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}}""",
          "x | NodePort | 10.96.0.21 | <none> | 80:30080/TCP,53/UDP | 10d | <none>" },
        { "", "services", "{" + Meta + ""","spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.22"],"ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]},"status":{"loadBalancer":{}}}""",
          "x | LoadBalancer | 10.96.0.22 | <pending> | 443:31443/TCP | 10d | <none>" },
        { "", "services", "{" + Meta + ""","spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.22"],"externalIPs":["192.0.2.9"],"ports":[{"port":80,"protocol":"TCP"}]},"status":{"loadBalancer":{"ingress":[{"ip":"172.18.255.201"},{"hostname":"lb.example"},{"ip":"172.18.255.200"}]}}}""",
          "x | LoadBalancer | 10.96.0.22 | 172.18.255.200,172.18.255.201,lb.example,192.0.2.9 | 80/TCP | 10d | <none>" },
        { "", "services", "{" + Meta + ""","spec":{"type":"ClusterIP","clusterIP":"None","externalIPs":["192.0.2.1","192.0.2.2"]}}""",
          "x | ClusterIP | None | 192.0.2.1,192.0.2.2 | <none> | 10d | <none>" },
        { "", "services", "{" + Meta + ""","spec":{"type":"ExternalName","externalName":"db.example.com"}}""",
          "x | ExternalName | <none> | db.example.com | <none> | 10d | <none>" },
        // Endpoints
        { "", "endpoints", "{" + Meta + "}", "x | <none> | 10d" },
        { "", "endpoints", "{" + Meta + ""","subsets":[{"addresses":[{"ip":"10.0.0.5"},{"ip":"10.0.0.6"}],"ports":[{"port":80}]}]}""",
          "x | 10.0.0.5:80,10.0.0.6:80 | 10d" },
        { "", "endpoints", "{" + Meta + ""","subsets":[{"addresses":[{"ip":"10.0.0.5"},{"ip":"10.0.0.6"}],"ports":[{"name":"http","port":80},{"name":"https","port":443}]}]}""",
          "x | 10.0.0.5:80,10.0.0.6:80,10.0.0.5:443 + 1 more... | 10d" },
        { "", "endpoints", "{" + Meta + ""","subsets":[{"addresses":[{"ip":"10.0.0.5"},{"ip":"fd00::5"}]}]}""",
          "x | 10.0.0.5,fd00::5 | 10d" },
        { "", "endpoints", "{" + Meta + ""","subsets":[{"addresses":[{"ip":"fd00::5"}],"ports":[{"port":80}]}]}""",
          "x | [fd00::5]:80 | 10d" },
        // EndpointSlices
        { "discovery.k8s.io", "endpointslices", "{" + Meta + ""","addressType":"IPv4","ports":[{"name":"http","port":80,"protocol":"TCP"}],"endpoints":[{"addresses":["10.244.1.5"]},{"addresses":["10.244.2.7"]}]}""",
          "x | IPv4 | 80 | 10.244.1.5,10.244.2.7 | 10d" },
        { "discovery.k8s.io", "endpointslices", "{" + Meta + ""","addressType":"IPv4","ports":[{"name":"a","port":1},{"name":"b","port":2},{"name":"c"},{"port":4}],"endpoints":[]}""",
          "x | IPv4 | 1,2,c + 1 more... | <unset> | 10d" },
        { "discovery.k8s.io", "endpointslices", "{" + Meta + ""","addressType":"IPv4","ports":[{}],"endpoints":[{"addresses":["10.0.0.1","10.0.0.2"]},{"addresses":["10.0.0.3","10.0.0.4","10.0.0.5"]}]}""",
          "x | IPv4 | * | 10.0.0.1,10.0.0.2,10.0.0.3 + 2 more... | 10d" },
        // Nodes
        { "", "nodes", """{"metadata":{"name":"kinet-control-plane","creationTimestamp":"2025-01-01T12:00:00Z","labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/hostname":"kinet-control-plane"}},"status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"172.18.0.2"},{"type":"Hostname","address":"kinet-control-plane"}],"nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Kinet","kernelVersion":"6.8.0","containerRuntimeVersion":"kinet://0.1"}}}""",
          "kinet-control-plane | Ready | control-plane | 10d | v1.32.0 | 172.18.0.2 | <none> | Kinet | 6.8.0 | kinet://0.1" },
        { "", "nodes", """{"metadata":{"name":"n2","creationTimestamp":"2025-01-01T12:00:00Z","labels":{"node-role.kubernetes.io/worker":"","node-role.kubernetes.io/infra":"true","kubernetes.io/role":"edge"}},"spec":{"unschedulable":true},"status":{"conditions":[{"type":"Ready","status":"Unknown"}],"addresses":[{"type":"ExternalIP","address":"192.0.2.4"}]}}""",
          "n2 | NotReady,SchedulingDisabled | edge,infra,worker | 10d |  | <none> | 192.0.2.4 | <unknown> | <unknown> | <unknown>" },
        { "", "nodes", """{"metadata":{"name":"n3","creationTimestamp":"2025-01-01T12:00:00Z"}}""",
          "n3 | Unknown | <none> | 10d |  | <none> | <none> | <unknown> | <unknown> | <unknown>" },
        // Namespaces
        { "", "namespaces", """{"metadata":{"name":"kube-system","creationTimestamp":"2025-01-01T12:00:00Z"},"status":{"phase":"Active"}}""", "kube-system | Active | 10d" },
        { "", "namespaces", """{"metadata":{"name":"old","creationTimestamp":"2025-01-01T12:00:00Z","deletionTimestamp":"2025-01-11T11:59:00Z"},"status":{"phase":"Terminating"}}""", "old | Terminating | 10d" },
        // Events
        { "", "events", """{"metadata":{"name":"p1.17a","namespace":"default","creationTimestamp":"2025-01-11T11:00:00Z"},"involvedObject":{"kind":"Pod","name":"p1","fieldPath":"spec.containers{app}"},"reason":"Pulled","message":"Container image \"nginx\" already present on machine\n","source":{"component":"kubelet","host":"node1"},"firstTimestamp":"2025-01-11T11:00:00Z","lastTimestamp":"2025-01-11T11:55:00Z","count":3,"type":"Normal"}""",
          "5m | Normal | Pulled | pod/p1 | spec.containers{app} | kubelet, node1 | Container image \"nginx\" already present on machine | 60m | 3 | p1.17a" },
        { "", "events", """{"metadata":{"name":"e2","namespace":"default"},"involvedObject":{"kind":"Node"},"reason":"Starting","reportingComponent":"kube-proxy","eventTime":"2025-01-11T11:56:59.5Z","type":"Normal","message":"up"}""",
          "3m | Normal | Starting | node |  | kube-proxy | up | 3m | 1 | e2" },
        { "", "events", """{"metadata":{"name":"e3","namespace":"default"},"involvedObject":{"kind":"Pod","name":"p"},"reason":"BackOff","reportingComponent":"kubelet","reportingInstance":"node1","eventTime":"2025-01-11T11:00:00.000000Z","series":{"count":12,"lastObservedTime":"2025-01-11T11:59:30.000000Z"},"type":"Warning","message":"Back-off"}""",
          "30s | Warning | BackOff | pod/p |  | kubelet, node1 | Back-off | 60m | 12 | e3" },
        // Deployments and ReplicaSets
        { "apps", "deployments", "{" + Meta + ""","spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},{"name":"side","image":"busybox"}]}}},"status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}""",
          "x | 2/3 | 3 | 2 | 10d | nginx,side | nginx:1.27,busybox | app=web" },
        { "apps", "deployments", "{" + Meta + ""","spec":{"selector":{"matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]},{"key":"legacy","operator":"DoesNotExist"}],"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}""",
          "x | 0/1 | 0 | 0 | 10d | c | i | app=web,!legacy,tier in (be,fe)" },
        { "apps", "replicasets", "{" + Meta + ""","spec":{"replicas":2,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d9c"}},"template":{"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}},"status":{"replicas":2,"readyReplicas":1}}""",
          "x | 2 | 2 | 1 | 10d | nginx | nginx | app=web,pod-template-hash=5d9c" },
        // NetworkPolicies
        { "networking.k8s.io", "networkpolicies", "{" + Meta + ""","spec":{"podSelector":{"matchLabels":{"app":"x"}},"policyTypes":["Ingress"]}}""", "x | app=x | 10d" },
        { "networking.k8s.io", "networkpolicies", "{" + Meta + ""","spec":{"podSelector":{}}}""", "x | <none> | 10d" },
        { "networking.k8s.io", "networkpolicies", "{" + Meta + ""","spec":{"podSelector":{"matchExpressions":[{"key":"role","operator":"NotIn","values":["db"]},{"key":"app","operator":"Exists"}]}}}""", "x | app,role notin (db) | 10d" },
        // Ingresses
        { "networking.k8s.io", "ingresses", "{" + Meta + ""","spec":{"rules":[{"http":{"paths":[]}}]}}""", "x | <none> | * |  | 80 | 10d" },
        { "networking.k8s.io", "ingresses", "{" + Meta + ""","spec":{"ingressClassName":"kinet","tls":[{"hosts":["a.example"]}],"rules":[{"host":"a.example"},{"host":"b.example"}]},"status":{"loadBalancer":{"ingress":[{"ip":"172.18.255.200"}]}}}""",
          "x | kinet | a.example,b.example | 172.18.255.200 | 80, 443 | 10d" },
        { "networking.k8s.io", "ingresses", "{" + Meta + ""","spec":{"rules":[{"host":"a"},{},{"host":"b"},{"host":"c"},{"host":"d"},{"host":"e"}]}}""", "x | <none> | a,b,c + 3 more... |  | 80 | 10d" },
        // IngressClasses
        { "networking.k8s.io", "ingressclasses", """{"metadata":{"name":"kinet","creationTimestamp":"2025-01-01T12:00:00Z"},"spec":{"controller":"kinet.dev/ingress"}}""", "kinet | kinet.dev/ingress | <none> | 10d" },
        { "networking.k8s.io", "ingressclasses", """{"metadata":{"name":"ext","creationTimestamp":"2025-01-01T12:00:00Z"},"spec":{"controller":"example.com/ic","parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external-lb"}}}""",
          "ext | example.com/ic | IngressParameters.k8s.example.com/external-lb | 10d" },
        // ConfigMaps, Secrets, ServiceAccounts, Leases
        { "", "configmaps", "{" + Meta + ""","data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""", "x | 3 | 10d" },
        { "", "configmaps", "{" + Meta + "}", "x | 0 | 10d" },
        { "", "secrets", "{" + Meta + ""","type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}""", "x | kubernetes.io/tls | 2 | 10d" },
        { "", "serviceaccounts", "{" + Meta + ""","secrets":[{"name":"t"}]}""", "x | 1 | 10d" },
        { "", "serviceaccounts", "{" + Meta + "}", "x | 0 | 10d" },
        { "coordination.k8s.io", "leases", "{" + Meta + ""","spec":{"holderIdentity":"node1","leaseDurationSeconds":40}}""", "x | node1 | 10d" },
        { "coordination.k8s.io", "leases", "{" + Meta + ""","spec":{}}""", "x |  | 10d" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Rows_match_kube_apiserver(string group, string plural, string json, string expected) =>
        Assert.Equal(expected, Row(group, plural, json));

    public static TheoryData<string, string, string> Headers => new()
    {
        { "", "services", "NAME | TYPE | CLUSTER-IP | EXTERNAL-IP | PORT(S) | AGE | SELECTOR(w)" },
        { "", "endpoints", "NAME | ENDPOINTS | AGE" },
        { "discovery.k8s.io", "endpointslices", "NAME | ADDRESSTYPE | PORTS | ENDPOINTS | AGE" },
        { "", "nodes", "NAME | STATUS | ROLES | AGE | VERSION | INTERNAL-IP(w) | EXTERNAL-IP(w) | OS-IMAGE(w) | KERNEL-VERSION(w) | CONTAINER-RUNTIME(w)" },
        { "", "namespaces", "NAME | STATUS | AGE" },
        { "", "events", "LAST SEEN | TYPE | REASON | OBJECT | SUBOBJECT(w) | SOURCE(w) | MESSAGE | FIRST SEEN(w) | COUNT(w) | NAME(w)" },
        { "apps", "deployments", "NAME | READY | UP-TO-DATE | AVAILABLE | AGE | CONTAINERS(w) | IMAGES(w) | SELECTOR(w)" },
        { "apps", "replicasets", "NAME | DESIRED | CURRENT | READY | AGE | CONTAINERS(w) | IMAGES(w) | SELECTOR(w)" },
        { "networking.k8s.io", "networkpolicies", "NAME | POD-SELECTOR | AGE" },
        { "networking.k8s.io", "ingresses", "NAME | CLASS | HOSTS | ADDRESS | PORTS | AGE" },
        { "networking.k8s.io", "ingressclasses", "NAME | CONTROLLER | PARAMETERS | AGE" },
        { "", "configmaps", "NAME | DATA | AGE" },
        { "", "secrets", "NAME | TYPE | DATA | AGE" },
        { "", "serviceaccounts", "NAME | SECRETS | AGE" },
        { "coordination.k8s.io", "leases", "NAME | HOLDER | AGE" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Columns_match_kube_apiserver(string group, string plural, string expected) =>
        Assert.Equal(expected, Header(group, plural));
}
