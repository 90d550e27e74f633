// Table: a stored object and its replacement → the errors kube-apiserver 1.32 gives for the update (immutable fields and friends).
namespace Kinet.Api.Tests.Validation;

public sealed class UpdateValidationTests
{
    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - name: web
            image: nginx:1.26
            ports: [{containerPort: 80}]
        """;

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          clusterIP: 10.96.0.10
          selector: {app: web}
          ports: [{port: 80}]
        """;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        """;

    private const string ImmutableConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg}
        immutable: true
        data: {a: "1"}
        """;

    private static readonly Dictionary<string, (string Old, string New, string[] Expected)> Cases = new()
    {
        ["pod image change"] = (Pod, Pod.Replace("nginx:1.26", "nginx:1.27"), []),
        ["pod label change"] = (Pod, Pod.Replace("{name: web}", "{name: web, labels: {tier: web}}"), []),
        ["pod added container"] = (Pod, Pod + "\n  - {name: side, image: busybox}", ["spec.containers: Forbidden: pod updates may not add or remove containers"]),
        ["pod image removed"] = (Pod, Pod.Replace("image: nginx:1.26", "image: \"\""), ["spec.containers[0].image: Required value", "spec.containers[0].image: Required value"]),
        ["pod deadline raised"] = (Pod + "\n  activeDeadlineSeconds: 10", Pod + "\n  activeDeadlineSeconds: 20",
            ["spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value"]),
        ["pod renamed"] = (Pod, Pod.Replace("{name: web}", "{name: web2}"), ["metadata.name: Invalid value: \"web2\": field is immutable"]),
        ["service cluster IP changed"] = (Service, Service.Replace("10.96.0.10", "10.96.0.11"),
            ["spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set"]),
        ["service cluster IP left out"] = (Service, Service.Replace("  clusterIP: 10.96.0.10\n", ""), []),
        ["service selector changed"] = (Service, Service.Replace("{app: web}", "{app: api}"), []),
        ["deployment selector changed"] = (Deployment, Deployment.Replace("{app: web}", "{app: api}"),
            ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"api\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"]),
        ["deployment scaled"] = (Deployment, Deployment.Replace("spec:\n  selector", "spec:\n  replicas: 5\n  selector"), []),
        ["immutable config map data changed"] = (ImmutableConfigMap, ImmutableConfigMap.Replace("\"1\"", "\"2\""),
            ["data: Forbidden: field is immutable when `immutable` is set"]),
        ["immutable config map made mutable"] = (ImmutableConfigMap, ImmutableConfigMap.Replace("immutable: true", "immutable: false"),
            ["immutable: Forbidden: field is immutable when `immutable` is set"]),
        ["secret type changed"] = ("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {username: YQ==}",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/basic-auth\ndata: {username: YQ==}",
            ["type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"]),
        ["endpoint slice address type changed"] = ("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv4",
            "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv6",
            ["addressType: Invalid value: \"IPv6\": field is immutable"]),
        ["ingress class controller changed"] = ("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: c}\nspec: {controller: k8s.io/ingress-nginx}",
            "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: c}\nspec: {controller: kinet.dev/ingress}",
            ["spec.controller: Invalid value: \"kinet.dev/ingress\": field is immutable"]),
        ["node pod CIDR changed"] = ("apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec: {podCIDRs: [10.244.0.0/24]}",
            "apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec: {podCIDRs: [10.244.1.0/24]}",
            ["spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid"]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Updates_get_kube_apiserver_field_errors(string name)
    {
        var (old, updated, expected) = Cases[name];
        Assert.Equal(expected, ValidationHarness.UpdateErrors(old, updated));
    }

    [Fact]
    public void Changing_a_pods_port_is_forbidden_with_the_upstream_list_of_mutable_fields()
    {
        var errors = ValidationHarness.UpdateErrors(Pod, Pod.Replace("containerPort: 80", "containerPort: 81"));
        var error = Assert.Single(errors);
        Assert.StartsWith("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`," +
                          "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` " +
                          "(allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n", error);
        Assert.Contains("81", error);
    }
}
