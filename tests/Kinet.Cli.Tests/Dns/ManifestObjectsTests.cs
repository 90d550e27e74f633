// Reading manifests for `kinet dns query -f`: multi-document YAML, `kind: List`, JSON, other kinds skipped.
using Kinet.Cli.Dns;

namespace Kinet.Cli.Tests.Dns;

public class ManifestObjectsTests
{
    [Fact]
    public void Services_slices_pods_and_the_coredns_configmap_are_read_and_other_kinds_skipped()
    {
        var objects = new ManifestObjects();
        objects.AddText("""
            apiVersion: v1
            kind: Service
            metadata:
              name: my-svc
            spec:
              clusterIP: 10.96.0.20
              ports:
              - name: http
                port: 80
                targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec: {}
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: discovery.k8s.io/v1
              kind: EndpointSlice
              metadata:
                name: db-abc
                namespace: shop
                labels:
                  kubernetes.io/service-name: db
              addressType: IPv4
              endpoints:
              - addresses: ["10.244.1.5"]
                conditions:
                  ready: true
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: coredns
                namespace: kube-system
              data:
                Corefile: ".:53 {\n}\n"
            """, "test.yaml");
        var svc = Assert.Single(objects.Services);
        Assert.Equal("default", svc.Metadata.NamespaceProperty);
        Assert.Equal("10.96.0.20", svc.Spec.ClusterIP);
        Assert.Equal(8080, int.Parse(svc.Spec.Ports[0].TargetPort.Value));
        var slice = Assert.Single(objects.Slices);
        Assert.True(slice.Endpoints[0].Conditions.Ready);
        Assert.Equal(".:53 {\n}\n", Assert.Single(objects.ConfigMaps).Data["Corefile"]);
        Assert.Equal(["default", "kube-system", "shop"], objects.ImpliedNamespaces().Select(n => n.Metadata.Name));
    }

    [Fact]
    public void A_JSON_file_is_read_as_YAML()
    {
        var objects = new ManifestObjects();
        objects.AddText("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"x"},"spec":{"clusterIP":"None"}}""", "s.json");
        Assert.Equal("None", Assert.Single(objects.Services).Spec.ClusterIP);
    }

    [Fact]
    public void Broken_YAML_is_one_line_naming_the_file()
    {
        var e = Assert.Throws<CliException>(() => new ManifestObjects().AddText("kind: Service\n  bad: [", "broken.yaml"));
        Assert.Contains("broken.yaml", e.Message);
    }

    [Fact]
    public void A_missing_path_is_one_line() =>
        Assert.Contains("does not exist", Assert.Throws<CliException>(() => ManifestObjects.Load(["/nonexistent/kinet-dns"])).Message);
}
