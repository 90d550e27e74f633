// Defaulting is a fixed point: an object read back from the store and defaulted again does not change.
using Kinet.Api.Defaulting;
using Kinet.Api.Tests.Validation;

namespace Kinet.Api.Tests.Defaulting;

public sealed class IdempotencyTests
{
    public static TheoryData<string> Samples => new()
    {
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: [{name: c, image: x, ports: [{containerPort: 80}], resources: {limits: {cpu: 1}}, livenessProbe: {httpGet: {port: 80}}}]\n  volumes: [{name: v}]",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer, sessionAffinity: ClientIP, clusterIP: 10.96.0.9, ports: [{port: 80}]}",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: None, ports: [{port: 80}]}",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: x}]}}}",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: n, labels: {a: b}}",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: b}",
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec: {podSelector: {}, egress: [{ports: [{port: 53}]}]}",
        "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv4\nports: [{port: 80}]",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Applying_defaults_twice_equals_applying_them_once(string yaml)
    {
        var once = TestYaml.Parse(yaml);
        var r = TestYaml.ResourceOf(once);
        Defaulter.Apply(r, once);
        Defaulter.PrepareForCreate(r, once);
        var twice = once.DeepClone().AsObject();
        Defaulter.Apply(r, twice);
        Defaulter.PrepareForCreate(r, twice);
        Assert.Equal(once.ToJsonString(), twice.ToJsonString());
    }
}
