// The schema tree carries upstream's merge metadata on the lists, maps and structs kubectl patches touch.
using Kinet.Api.Resources;
using Kinet.Api.Schema;

namespace Kinet.Api.Tests.Schema;

public class ApiSchemaTests
{
    private static SchemaNode At(string group, string plural, string path) =>
        ApiSchema.For(ResourceRegistry.Get(group, plural)).Walk(path.Split('.'))
        ?? throw new Xunit.Sdk.XunitException($"{plural}: no schema at {path}");

    public static TheoryData<string, string, string, string?, string, string> Lists => new()
    {
        // group, plural, path, patch merge key, SSA list type, SSA keys
        { "apps", "deployments", "spec.template.spec.containers", "name", "Map", "name" },
        { "apps", "deployments", "spec.template.spec.initContainers", "name", "Map", "name" },
        { "", "pods", "spec.ephemeralContainers", "name", "Map", "name" },
        { "", "pods", "spec.ephemeralContainers.0.env", "name", "Map", "name" },
        { "", "pods", "spec.volumes", "name", "Map", "name" },
        { "", "pods", "spec.containers.0.env", "name", "Map", "name" },
        { "", "pods", "spec.containers.0.envFrom", null, "Atomic", "" },
        { "", "pods", "spec.containers.0.ports", "containerPort", "Map", "containerPort,protocol" },
        { "", "pods", "spec.containers.0.volumeMounts", "mountPath", "Map", "mountPath" },
        { "", "pods", "spec.containers.0.volumeDevices", "devicePath", "Map", "devicePath" },
        { "", "pods", "spec.containers.0.command", null, "Atomic", "" },
        { "", "pods", "spec.imagePullSecrets", "name", "Map", "name" },
        { "", "pods", "spec.hostAliases", "ip", "Map", "ip" },
        { "", "pods", "spec.tolerations", null, "Atomic", "" },
        { "", "pods", "spec.topologySpreadConstraints", "topologyKey", "Map", "topologyKey,whenUnsatisfiable" },
        { "", "pods", "spec.resourceClaims", "name", "Map", "name" },
        { "", "pods", "spec.schedulingGates", "name", "Map", "name" },
        { "", "pods", "spec.readinessGates", null, "Atomic", "" },
        { "", "pods", "status.conditions", "type", "Map", "type" },
        { "", "pods", "metadata.finalizers", null, "Set", "" },
        { "", "pods", "metadata.ownerReferences", "uid", "Map", "uid" },
        { "", "pods", "metadata.managedFields", null, "Atomic", "" },
        { "", "services", "spec.ports", "port", "Map", "port,protocol" },
        { "", "services", "spec.clusterIPs", null, "Atomic", "" },
        { "", "nodes", "status.conditions", "type", "Map", "type" },
        { "", "endpoints", "subsets", null, "Atomic", "" },
        { "apps", "deployments", "status.conditions", "type", "Map", "type" },
        { "networking.k8s.io", "ingresses", "spec.rules", null, "Atomic", "" },
        { "networking.k8s.io", "ingresses", "spec.rules.0.http.paths", null, "Atomic", "" },
        { "networking.k8s.io", "ingresses", "spec.tls", null, "Atomic", "" },
        { "networking.k8s.io", "networkpolicies", "spec.ingress", null, "Atomic", "" },
        { "networking.k8s.io", "networkpolicies", "spec.egress", null, "Atomic", "" },
        { "discovery.k8s.io", "endpointslices", "endpoints", null, "Atomic", "" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Lists_carry_upstream_merge_key_and_list_type(string group, string plural, string path, string? mergeKey, string listType, string keys)
    {
        var list = Assert.IsType<ListNode>(At(group, plural, path));
        Assert.Equal(mergeKey, list.PatchMergeKey);
        Assert.Equal(mergeKey is not null || path.EndsWith("finalizers"), list.MergesInPatch);
        Assert.Equal(listType, list.ListType.ToString());
        Assert.Equal(keys, string.Join(",", list.MapKeys));
    }

    [Fact]
    public void Volumes_merge_by_name_and_retain_keys()
    {
        var list = Assert.IsType<ListNode>(At("", "pods", "spec.volumes"));
        Assert.Equal(PatchStrategy.Merge | PatchStrategy.RetainKeys, list.PatchStrategy);
    }

    [Fact]
    public void Deployment_strategy_is_a_retain_keys_struct()
    {
        var spec = Assert.IsType<StructNode>(At("apps", "deployments", "spec"));
        var strategy = spec.Field("strategy")!;
        Assert.Equal(PatchStrategy.RetainKeys, strategy.PatchStrategy);
        Assert.Equal("DeploymentStrategy", Assert.IsType<StructNode>(strategy.Node).Name);
    }

    [Theory]
    [InlineData("", "services", "spec.selector", true)]
    [InlineData("", "pods", "spec.nodeSelector", true)]
    [InlineData("", "pods", "metadata.labels", false)]
    [InlineData("", "configmaps", "data", false)]
    public void Maps_know_whether_they_are_atomic(string group, string plural, string path, bool atomic) =>
        Assert.Equal(atomic, Assert.IsType<MapNode>(At(group, plural, path)).Atomic);

    [Theory]
    [InlineData("apps", "deployments", "spec.selector", true)]
    [InlineData("", "pods", "metadata.ownerReferences.x", true)]
    [InlineData("", "pods", "spec.containers.0.env.0.valueFrom.configMapKeyRef", true)]
    [InlineData("", "pods", "spec.containers.0.resources", false)]
    public void Structs_know_whether_they_are_atomic(string group, string plural, string path, bool atomic) =>
        Assert.Equal(atomic, Assert.IsType<StructNode>(At(group, plural, path)).Atomic);

    [Theory]
    [InlineData("apps", "deployments", "spec.replicas", "int32")]
    [InlineData("", "pods", "metadata.generation", "int64")]
    [InlineData("", "pods", "metadata.creationTimestamp", "v1.Time")]
    [InlineData("", "pods", "spec.containers.0.ports.0.containerPort", "int32")]
    [InlineData("", "services", "spec.ports.0.targetPort", "intstr.IntOrString")]
    [InlineData("", "pods", "spec.containers.0.resources.limits", "map[string]resource.Quantity")]
    [InlineData("", "secrets", "data", "map[string][]uint8")]
    [InlineData("", "pods", "metadata.managedFields.0.fieldsV1", "interface {}")]
    [InlineData("", "pods", "spec.containers", "[]v1.Container")]
    [InlineData("apps", "deployments", "spec", "v1.DeploymentSpec")]
    [InlineData("", "pods", "spec.hostNetwork", "bool")]
    public void Leaves_and_nodes_have_the_go_types_encoding_json_reports(string group, string plural, string path, string goType) =>
        Assert.Equal(goType, At(group, plural, path).GoType);

    [Theory]
    [InlineData("", "pods", "spec.containers.0.ports.0", "protocol", "v1.Protocol")]
    [InlineData("", "pods", "spec.containers.0.resources", "limits", "v1.ResourceList")]
    [InlineData("", "pods", "spec", "activeDeadlineSeconds", "int64")]
    [InlineData("", "pods", "metadata", "uid", "types.UID")]
    [InlineData("apps", "deployments", "", "kind", "string")]
    public void Fields_know_their_declared_go_type(string group, string plural, string path, string field, string goType)
    {
        var root = ApiSchema.For(ResourceRegistry.Get(group, plural));
        var node = path.Length == 0 ? root : root.Walk(path.Split('.'));
        Assert.Equal(goType, Assert.IsType<StructNode>(node).Field(field)!.GoType);
    }

    [Fact]
    public void Every_served_kind_has_a_root_with_type_meta_and_metadata()
    {
        foreach (var r in ResourceRegistry.Resources)
        {
            var root = ApiSchema.For(r);
            Assert.Equal(r.Kind, root.Name);
            Assert.NotNull(root.Field("apiVersion"));
            Assert.NotNull(root.Field("kind"));
            Assert.Equal("ObjectMeta", Assert.IsType<StructNode>(root.Field("metadata")!.Node).Name);
        }
    }

    [Fact]
    public void Unknown_fields_are_not_in_the_schema() =>
        Assert.Null(ApiSchema.For(ResourceRegistry.Get("apps", "deployments")).Walk("spec", "foo"));

    [Fact]
    public void Structs_are_shared_per_type()
    {
        var pods = ApiSchema.For(ResourceRegistry.Get("", "pods"));
        var deployments = ApiSchema.For(ResourceRegistry.Get("apps", "deployments"));
        Assert.Same(pods.Walk("spec"), deployments.Walk("spec", "template", "spec"));
    }

    [Fact]
    public void Every_upstream_tag_names_a_field_of_a_model_type_in_reach()
    {
        // Guards the Go-name mapping: a tag for a reachable type whose field the model does not have means a typo or a rename.
        var seen = new HashSet<string>();
        var reached = new HashSet<string>();
        void Visit(SchemaNode n)
        {
            switch (n)
            {
                case StructNode s when seen.Add(s.Name):
                    foreach (var f in s.Fields.Values)
                    {
                        reached.Add(s.Name + "." + f.Name);
                        Visit(f.Node);
                    }
                    break;
                case ListNode l: Visit(l.Items); break;
                case MapNode m: Visit(m.Values); break;
            }
        }
        foreach (var r in ResourceRegistry.Resources) Visit(ApiSchema.For(r));
        var missing = UpstreamTags.Fields.Keys.Where(k => seen.Contains(k[..k.IndexOf('.')]) && !reached.Contains(k)).ToList();
        Assert.Empty(missing);
        Assert.Contains("PodSpec.containers", reached);
    }
}
