// What the registry strategies do around an update: keep what the server owns (status, uid, allocated IPs), count spec changes.
using System.Text.Json.Nodes;
using Kinet.Api.Defaulting;
using Kinet.Api.Resources;
using Kinet.Api.Tests.Validation;

namespace Kinet.Api.Tests.Defaulting;

public sealed class StrategyPrepTests
{
    private static JsonObject Replace(JsonObject stored, string newYaml)
    {
        var updated = TestYaml.Parse(newYaml);
        var r = TestYaml.ResourceOf(updated);
        Defaulter.Apply(r, updated);
        Defaulter.PrepareForUpdate(r, updated, stored);
        return updated;
    }

    private static JsonObject Stored(string yaml, Action<JsonObject>? serverSide = null)
    {
        var obj = ValidationHarness.Prepared(yaml);
        serverSide?.Invoke(obj);
        return obj;
    }

    private const string NodePortService = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{name: http, port: 80}]
        """;

    [Fact]
    public void Replacing_a_service_without_its_allocations_keeps_them()
    {
        var stored = Stored(NodePortService, s =>
        {
            s["spec"]!["clusterIP"] = "10.96.0.42";
            s["spec"]!["clusterIPs"] = new JsonArray("10.96.0.42");
            s["spec"]!["ports"]![0]!["nodePort"] = 31000;
        });
        var updated = Replace(stored, NodePortService);
        Assert.Equal("10.96.0.42", (string?)updated["spec"]!["clusterIP"]);
        Assert.Equal("""["10.96.0.42"]""", updated["spec"]!["clusterIPs"]!.ToJsonString());
        Assert.Equal(31000, (int?)updated["spec"]!["ports"]![0]!["nodePort"]);
    }

    [Fact]
    public void Changing_only_clusterIP_moves_clusterIPs_along_so_validation_sees_the_change()
    {
        var stored = Stored(NodePortService.Replace("type: NodePort", "clusterIP: 10.96.0.42"));
        var updated = (JsonObject)stored.DeepClone();
        updated["spec"]!["clusterIP"] = "10.96.0.43";
        Defaulter.PrepareForUpdate(ResourceRegistry.Get("", "services"), updated, stored);
        Assert.Equal("""["10.96.0.43"]""", updated["spec"]!["clusterIPs"]!.ToJsonString());
    }

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.26}]}
        """;

    [Theory]
    [InlineData("nginx:1.26", "{app: web}", 1)]
    [InlineData("nginx:1.27", "{app: web}", 2)]
    public void Generation_counts_spec_changes_only(string image, string labels, int generation)
    {
        var stored = Stored(Deployment, d => d["metadata"]!["uid"] = "u-1");
        var updated = Replace(stored, Deployment.Replace("nginx:1.26", image).Replace("metadata: {name: web, namespace: default}",
            $"metadata: {{name: web, namespace: default, labels: {labels}}}"));
        Assert.Equal(generation, (int?)updated["metadata"]!["generation"]);
        Assert.Equal("u-1", (string?)updated["metadata"]!["uid"]);
    }

    [Fact]
    public void An_update_cannot_change_status_through_the_main_resource()
    {
        var stored = Stored(Deployment, d => d["status"] = new JsonObject { ["replicas"] = 1 });
        var updated = Replace(stored, Deployment + "\nstatus: {replicas: 9}");
        Assert.Equal("""{"replicas":1}""", updated["status"]!.ToJsonString());
    }

    [Fact]
    public void A_namespace_keeps_its_finalizers_across_an_update()
    {
        var stored = Stored("apiVersion: v1\nkind: Namespace\nmetadata: {name: team}");
        var updated = Replace(stored, "apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\nspec: {finalizers: []}");
        Assert.Equal("""["kubernetes"]""", updated["spec"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Switching_a_node_port_service_to_cluster_ip_drops_its_node_ports()
    {
        var stored = Stored(NodePortService, s =>
        {
            s["spec"]!["clusterIP"] = "10.96.0.42";
            s["spec"]!["clusterIPs"] = new JsonArray("10.96.0.42");
            s["spec"]!["ports"]![0]!["nodePort"] = 31000;
        });
        var patched = (JsonObject)stored.DeepClone();
        patched["spec"]!["type"] = "ClusterIP";
        var r = ResourceRegistry.Get("", "services");
        Defaulter.Apply(r, patched);
        Defaulter.PrepareForUpdate(r, patched, stored);
        Assert.Null(patched["spec"]!["ports"]![0]!["nodePort"]);
        Assert.Null(patched["spec"]!["externalTrafficPolicy"]);
        Assert.Empty(Kinet.Api.Validation.Validator.ValidateUpdate(r, patched, stored));
    }

    [Fact]
    public void A_status_write_changes_only_status()
    {
        var stored = Stored(Deployment, d => d["metadata"]!["resourceVersion"] = "5");
        var write = (JsonObject)stored.DeepClone();
        write["spec"]!["replicas"] = 7;
        write["status"] = new JsonObject { ["replicas"] = 1 };
        Defaulter.PrepareForStatusUpdate(ResourceRegistry.Get("apps", "deployments"), write, stored);
        Assert.Equal(1, (int?)write["spec"]!["replicas"]);
        Assert.Equal("""{"replicas":1}""", write["status"]!.ToJsonString());
    }

    [Fact]
    public void Defaulted_numbers_read_as_int_and_as_long()
    {
        var pod = Stored("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}");
        Assert.Equal(30, (int)pod["spec"]!["terminationGracePeriodSeconds"]!);
        Assert.Equal(30L, (long)pod["spec"]!["terminationGracePeriodSeconds"]!);
    }
}
