// Table: an invalid manifest → the "field: message" lines kube-apiserver 1.32 answers with (after its defaulting).
namespace Kinet.Api.Tests.Validation;

public sealed class CreateValidationTests
{
    private const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string PortRange = "must be between 1 and 65535, inclusive";

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: web
            image: nginx
        """;

    private static readonly Dictionary<string, (string Yaml, string[] Expected)> Cases = new()
    {
        ["pod name with capitals"] = (Pod.Replace("name: web\nspec", "name: BAD\nspec"),
            [$"metadata.name: Invalid value: \"BAD\": {Subdomain}"]),
        ["pod without a name"] = (Pod.Replace("  name: web\nspec", "  labels: {}\nspec"),
            ["metadata.name: Required value: name or generateName is required"]),
        ["generateName that is not a subdomain prefix"] = (Pod.Replace("  name: web\nspec", "  generateName: Web-\nspec"),
            [$"metadata.generateName: Invalid value: \"Web-\": {Subdomain}"]),
        ["pod without containers"] = ("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec: {}
            """, ["spec.containers: Required value"]),
        ["container without image"] = (Pod.Replace("\n    image: nginx", ""),
            ["spec.containers[0].image: Required value"]),
        ["container name not a DNS label"] = (Pod.Replace("- name: web", "- name: Web_1"),
            [$"spec.containers[0].name: Invalid value: \"Web_1\": {Label}"]),
        ["duplicate container names"] = (Pod + "\n  - name: web\n    image: busybox",
            ["spec.containers[1].name: Duplicate value: \"web\""]),
        ["container port out of range"] = (Pod + "\n    ports:\n    - containerPort: 70000",
            [$"spec.containers[0].ports[0].containerPort: Invalid value: 70000: {PortRange}"]),
        ["container port protocol unknown"] = (Pod + "\n    ports:\n    - containerPort: 80\n      protocol: HTTP",
            ["spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""]),
        ["duplicate container port names"] = (Pod + "\n    ports:\n    - {name: http, containerPort: 80}\n    - {name: http, containerPort: 81}",
            ["spec.containers[0].ports[1].name: Duplicate value: \"http\""]),
        ["two containers on one host port"] = (Pod + "\n    ports: [{containerPort: 80, hostPort: 8080}]\n  - name: b\n    image: x\n    ports: [{containerPort: 81, hostPort: 8080}]",
            ["spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""]),
        ["init container with a probe"] = (Pod + "\n  initContainers:\n  - name: init\n    image: busybox\n    readinessProbe: {exec: {command: [true]}}",
            ["spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"]),
        ["init container named like a container"] = (Pod + "\n  initContainers:\n  - name: web\n    image: busybox",
            ["spec.initContainers[0].name: Duplicate value: \"web\""]),
        ["image with surrounding spaces"] = (Pod.Replace("image: nginx", "image: \" nginx\""),
            ["spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"]),
        ["restart policy unknown"] = (Pod + "\n  restartPolicy: Sometimes",
            ["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""]),
        ["dns policy unknown"] = (Pod + "\n  dnsPolicy: Google",
            ["spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""]),
        ["dns policy None without config"] = (Pod + "\n  dnsPolicy: None",
            ["spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"]),
        ["volume mount of a missing volume"] = (Pod + "\n    volumeMounts:\n    - {name: data, mountPath: /data}",
            ["spec.containers[0].volumeMounts[0].name: Not found: \"data\""]),
        ["duplicate volume names"] = (Pod + "\n  volumes:\n  - {name: data, emptyDir: {}}\n  - {name: data, emptyDir: {}}",
            ["spec.volumes[1].name: Duplicate value: \"data\""]),
        ["configMap volume without a name"] = (Pod + "\n  volumes:\n  - name: cfg\n    configMap: {}",
            ["spec.volumes[0].configMap.name: Required value"]),
        ["liveness probe success threshold"] = (Pod + "\n    livenessProbe:\n      tcpSocket: {port: 80}\n      successThreshold: 2",
            ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"]),
        ["probe without a handler"] = (Pod + "\n    readinessProbe:\n      periodSeconds: 5",
            ["spec.containers[0].readinessProbe: Required value: must specify a handler type"]),
        ["probe with a bad named port"] = (Pod + "\n    readinessProbe:\n      httpGet: {port: HTTP}",
            ["spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
             "spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"HTTP\": must contain at least one letter (a-z)"]),
        ["env name with an equals sign"] = (Pod + "\n    env:\n    - {name: A=B, value: x}",
            ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"]),
        ["requests above limits"] = (Pod + "\n    resources:\n      requests: {cpu: 500m}\n      limits: {cpu: 250m}",
            ["spec.containers[0].resources.requests: Invalid value: \"500m\": must be less than or equal to cpu limit of 250m"]),
        ["label value starting with a dash"] = (Pod.Replace("  name: web\nspec", "  name: web\n  labels: {app: -bad}\nspec"),
            ["metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),
        ["label key with an upper-case prefix"] = (Pod.Replace("  name: web\nspec", "  name: web\n  labels: {Example.com/app: web}\nspec"),
            [$"metadata.labels: Invalid value: \"Example.com/app\": prefix part {Subdomain}"]),
        ["annotation key with spaces"] = (Pod.Replace("  name: web\nspec", "  name: web\n  annotations: {bad key: x}\nspec"),
            ["metadata.annotations: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]),
        ["finalizer neither standard nor qualified"] = (Pod.Replace("  name: web\nspec", "  name: web\n  finalizers: [foo]\nspec"),
            ["metadata.finalizers[0]: Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified"]),
        ["namespace name with capitals"] = (Pod.Replace("  name: web\nspec", "  name: web\n  namespace: Prod\nspec"),
            [$"metadata.namespace: Invalid value: \"Prod\": {Label}"]),

        ["service name not a DNS-1035 label"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: 1svc}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            """, [$"metadata.name: Invalid value: \"1svc\": {Dns1035}"]),
        ["service without ports"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
            """, ["spec.ports: Required value"]),
        ["service ports without names"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{port: 80}, {port: 443}]
            """, ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]),
        ["service port out of range"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{port: 70000}]
            """, [$"spec.ports[0].port: Invalid value: 70000: {PortRange}", $"spec.ports[0].targetPort: Invalid value: 70000: {PortRange}"]),
        ["service duplicate ports"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{name: a, port: 80}, {name: b, port: 80}]
            """, ["spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"]),
        ["service type unknown"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: Public
              ports: [{port: 80}]
            """, ["spec.type: Unsupported value: \"Public\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""]),
        ["service cluster IP not an address"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              clusterIP: 10.96.0.300
              ports: [{port: 80}]
            """, ["spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]),
        ["headless NodePort service"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: NodePort
              clusterIP: None
              ports: [{port: 80}]
            """, ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]),
        ["node port on a ClusterIP service"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{port: 80, nodePort: 30080}]
            """, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]),
        ["ExternalName without a name"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: ExternalName
            """, ["spec.externalName: Required value"]),
        ["ExternalName not a DNS name"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: ExternalName
              externalName: Example.COM
            """, [$"spec.externalName: Invalid value: \"Example.COM\": {Subdomain}"]),
        ["client IP affinity timeout zero"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{port: 80}]
              sessionAffinity: ClientIP
              sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}
            """, ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"]),
        ["service selector with a bad value"] = ("""
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: "a b"}
              ports: [{port: 80}]
            """, ["spec.selector: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]),

        ["deployment selector not matching the template"] = ("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """, ["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"]),
        ["deployment without a selector"] = ("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """, ["spec.selector: Required value", "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"]),
        ["deployment with an empty selector"] = ("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """, ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"]),
        ["deployment with negative replicas"] = ("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: -1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """, ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]),
        ["deployment template that does not restart"] = ("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {restartPolicy: Never, containers: [{name: web, image: nginx}]}
            """, ["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""]),
        ["deployment with a bad maxUnavailable"] = ("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              strategy: {rollingUpdate: {maxUnavailable: "abc"}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """, ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"abc\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]),
        ["replicaset template container without image"] = ("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web}]}
            """, ["spec.template.spec.containers[0].image: Required value"]),

        ["namespace name with an underscore"] = ("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: team_a}
            """, [$"metadata.name: Invalid value: \"team_a\": {Label}"]),
        ["namespace name with dots"] = ("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: team.a}
            """, ["metadata.name: Invalid value: \"team.a\": must not contain dots"]),
        ["namespaced object given to a cluster-scoped kind"] = ("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: team, namespace: default}
            """, ["metadata.namespace: Forbidden: not allowed on this type"]),

        ["config map key with a space"] = ("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg}
            data: {"bad key": x}
            """, ["data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]),
        ["TLS secret without its key"] = ("""
            apiVersion: v1
            kind: Secret
            metadata: {name: tls}
            type: kubernetes.io/tls
            data: {tls.crt: Y2VydA==}
            """, ["data[tls.key]: Required value"]),

        ["network policy except outside its cidr"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector: {}
              egress:
              - to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]
            """, ["spec.egress[0].to[0].ipBlock.except[0]: Invalid value: \"10.1.0.0/24\": must be a strict subset of `cidr`"]),
        ["network policy cidr not a cidr"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector: {}
              ingress:
              - from: [{ipBlock: {cidr: 192.168.5.0/33}}]
            """, ["spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"192.168.5.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"]),
        ["network policy peer with ipBlock and selector"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector: {}
              ingress:
              - from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]
            """, ["spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer"]),
        ["network policy empty peer"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector: {}
              ingress:
              - from: [{}]
            """, ["spec.ingress[0].from[0]: Required value: must specify a peer"]),
        ["network policy type unknown"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector: {}
              policyTypes: [Both]
            """, ["spec.policyTypes[0]: Unsupported value: \"Both\": supported values: \"Ingress\", \"Egress\""]),
        ["network policy port protocol unknown"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector: {}
              ingress:
              - ports: [{protocol: ICMP, port: 80}]
            """, ["spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\""]),
        ["network policy selector operator unknown"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector: {matchExpressions: [{key: app, operator: Is, values: [web]}]}
            """, ["spec.podSelector.matchExpressions[0].operator: Invalid value: \"Is\": not a valid selector operator"]),

        ["ingress path not absolute"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing}
            spec:
              rules:
              - http: {paths: [{path: api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}
            """, ["spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path"]),
        ["ingress path without a type"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing}
            spec:
              rules:
              - http: {paths: [{path: /api, backend: {service: {name: api, port: {number: 80}}}}]}
            """, ["spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"]),
        ["ingress backend port with name and number"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing}
            spec:
              rules:
              - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {name: http, number: 80}}}}]}
            """, ["spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both port name & port number"]),
        ["ingress backend without a port"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing}
            spec:
              defaultBackend: {service: {name: api}}
            """, ["spec.defaultBackend: Required value: port name or number is required"]),
        ["ingress with neither rules nor a default backend"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing}
            spec: {}
            """, ["spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"]),
        ["ingress host that is an IP"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing}
            spec:
              rules:
              - host: 10.0.0.1
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}
            """, ["spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address"]),
        ["ingress host with a wildcard inside"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ing}
            spec:
              rules:
              - host: "*.*.example.com"
                http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}
            """, ["spec.rules[0].host: Invalid value: \"*.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]),
        ["ingress class controller without a domain"] = ("""
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: nginx}
            spec: {controller: nginx}
            """, ["spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")"]),

        ["endpoint slice address type unknown"] = ("""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-abc}
            addressType: IPv5
            endpoints: []
            """, ["addressType: Unsupported value: \"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\""]),
        ["endpoint slice loopback address"] = ("""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-abc}
            addressType: IPv4
            endpoints: [{addresses: [127.0.0.1]}]
            """, ["endpoints[0].addresses[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)"]),
        ["endpoints subset without addresses"] = ("""
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web}
            subsets: [{ports: [{port: 80}]}]
            """, ["subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`"]),
        ["lease with zero duration"] = ("""
            apiVersion: coordination.k8s.io/v1
            kind: Lease
            metadata: {name: node-1}
            spec: {leaseDurationSeconds: 0}
            """, ["spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"]),
        ["node with two CIDRs of one family"] = ("""
            apiVersion: v1
            kind: Node
            metadata: {name: node-1}
            spec: {podCIDRs: [10.244.0.0/24, 10.244.1.0/24]}
            """, ["spec.podCIDRs: Invalid value: []string{\"10.244.0.0/24\", \"10.244.1.0/24\"}: may specify no more than one CIDR for each IP family"]),
        ["service account name with capitals"] = ("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: Builder}
            """, [$"metadata.name: Invalid value: \"Builder\": {Subdomain}"]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Invalid_objects_get_kube_apiserver_field_errors(string name)
    {
        var (yaml, expected) = Cases[name];
        Assert.Equal(expected, ValidationHarness.CreateErrors(yaml));
    }

    [Fact]
    public void The_valid_base_pod_has_no_errors() => Assert.Empty(ValidationHarness.CreateErrors(Pod));

    [Fact]
    public void A_generate_name_prefix_may_end_with_a_dash() =>
        Assert.Empty(ValidationHarness.CreateErrors(Pod.Replace("  name: web\nspec", "  generateName: web-\nspec")));
}
