// Discovery as kubectl 1.32 reads it: /version, aggregated v2 lists for /api and /apis, and the legacy fallbacks.
using System.Text.Json.Nodes;
using Kinet.Api.Discovery;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.Discovery;

public class DiscoveryDocumentsTests
{
    private static JsonObject AggregatedResource(JsonObject list, string group, string resource) =>
        list["items"]!.AsArray().Single(i => ((string?)i!["metadata"]!["name"] ?? "") == group)!["versions"]![0]!["resources"]!.AsArray()
            .Single(r => (string)r!["resource"]! == resource)!.AsObject();

    [Fact]
    public void Version_reports_1_32_so_the_kubectl_dispatcher_runs_its_1_32_client()
    {
        var v = DiscoveryDocuments.Version();
        Assert.Equal(("1", "32", "v1.32.0"), ((string)v["major"]!, (string)v["minor"]!, (string)v["gitVersion"]!));
        Assert.Matches("^(linux|darwin|windows)/[a-z0-9]+$", (string)v["platform"]!);
        Assert.Equal(["major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"], v.Select(p => p.Key));
    }

    [Fact]
    public void Aggregated_core_lists_pods_with_every_subresource_kind()
    {
        var core = DiscoveryDocuments.AggregatedCore();
        Assert.Equal(("APIGroupDiscoveryList", "apidiscovery.k8s.io/v2"), ((string)core["kind"]!, (string)core["apiVersion"]!));
        var item = core["items"]!.AsArray().Single()!;
        Assert.Equal("""{"creationTimestamp":null}""", item["metadata"]!.ToJsonString());
        Assert.Equal(("v1", "Current"), ((string)item["versions"]![0]!["version"]!, (string)item["versions"]![0]!["freshness"]!));
        Assert.Equal(
            """
            {"resource":"pods","responseKind":{"group":"","version":"","kind":"Pod"},"scope":"Namespaced","singularResource":"pod",
            "verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],
            "subresources":[
            {"subresource":"attach","responseKind":{"group":"","version":"","kind":"PodAttachOptions"},"verbs":["create","get"]},
            {"subresource":"binding","responseKind":{"group":"","version":"","kind":"Binding"},"verbs":["create"]},
            {"subresource":"eviction","responseKind":{"group":"policy","version":"v1","kind":"Eviction"},"verbs":["create"]},
            {"subresource":"exec","responseKind":{"group":"","version":"","kind":"PodExecOptions"},"verbs":["create","get"]},
            {"subresource":"log","responseKind":{"group":"","version":"","kind":"Pod"},"verbs":["get"]},
            {"subresource":"portforward","responseKind":{"group":"","version":"","kind":"PodPortForwardOptions"},"verbs":["create","get"]},
            {"subresource":"status","responseKind":{"group":"","version":"","kind":"Pod"},"verbs":["get","patch","update"]}]}
            """.Replace("\n", ""),
            AggregatedResource(core, "", "pods").ToJsonString());
    }

    [Fact]
    public void Aggregated_groups_give_scale_the_autoscaling_v1_Scale_kind()
    {
        var deployments = AggregatedResource(DiscoveryDocuments.AggregatedGroups(), "apps", "deployments");
        Assert.Equal(
            """[{"subresource":"scale","responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"},"verbs":["get","patch","update"]},"""
            + """{"subresource":"status","responseKind":{"group":"","version":"","kind":"Deployment"},"verbs":["get","patch","update"]}]""",
            deployments["subresources"]!.ToJsonString());
        Assert.Equal("""["deploy"]""", deployments["shortNames"]!.ToJsonString());
    }

    [Fact]
    public void Cluster_scoped_resources_say_so_and_resources_without_short_names_omit_them()
    {
        var core = DiscoveryDocuments.AggregatedCore();
        Assert.Equal("Cluster", (string)AggregatedResource(core, "", "nodes")["scope"]!);
        Assert.Equal("Cluster", (string)AggregatedResource(core, "", "namespaces")["scope"]!);
        Assert.False(AggregatedResource(core, "", "secrets").ContainsKey("shortNames"));
        Assert.False(AggregatedResource(core, "", "secrets").ContainsKey("subresources"));
    }

    [Fact]
    public void Every_served_resource_is_discoverable_exactly_once()
    {
        var discovered = new[] { DiscoveryDocuments.AggregatedCore(), DiscoveryDocuments.AggregatedGroups() }
            .SelectMany(l => l["items"]!.AsArray())
            .SelectMany(i => i!["versions"]!.AsArray().SelectMany(v => v!["resources"]!.AsArray()
                .Select(r => $"{(string?)i["metadata"]!["name"] ?? ""}/{(string)v["version"]!}/{(string)r!["resource"]!}")))
            .Order().ToList();
        Assert.Equal(ResourceRegistry.Resources.Select(r => $"{r.Group}/{r.Version}/{r.Plural}").Order(), discovered);
    }

    [Fact]
    public void Legacy_api_lists_v1_and_the_server_address() =>
        Assert.Equal(
            """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}""",
            DiscoveryDocuments.LegacyApiVersions("127.0.0.1:6443").ToJsonString());

    [Fact]
    public void Legacy_apis_lists_every_named_group_with_its_preferred_version()
    {
        var list = DiscoveryDocuments.LegacyGroupList();
        Assert.Equal(("APIGroupList", "v1"), ((string)list["kind"]!, (string)list["apiVersion"]!));
        Assert.Equal(ResourceRegistry.Groups.Where(g => g.Length > 0), list["groups"]!.AsArray().Select(g => (string)g!["name"]!));
        Assert.Equal(
            """{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}""",
            list["groups"]![0]!.ToJsonString());
    }

    [Fact]
    public void Legacy_resource_list_has_resources_and_subresources_sorted_by_name()
    {
        var list = DiscoveryDocuments.LegacyResourceList("apps", "v1")!;
        Assert.Equal(("APIResourceList", "v1", "apps/v1"), ((string)list["kind"]!, (string)list["apiVersion"]!, (string)list["groupVersion"]!));
        var resources = list["resources"]!.AsArray();
        Assert.Equal(["deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status"],
            resources.Select(r => (string)r!["name"]!));
        Assert.Equal(
            """{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["deploy"],"categories":["all"]}""",
            resources[0]!.ToJsonString());
        Assert.Equal(
            """{"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}""",
            resources[1]!.ToJsonString());
    }

    [Theory]
    [InlineData("pods/eviction", """{"name":"pods/eviction","singularName":"","namespaced":true,"group":"policy","version":"v1","kind":"Eviction","verbs":["create"]}""")]
    [InlineData("pods/log", """{"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}""")]
    [InlineData("pods/exec", """{"name":"pods/exec","singularName":"","namespaced":true,"kind":"PodExecOptions","verbs":["create","get"]}""")]
    [InlineData("namespaces/finalize", """{"name":"namespaces/finalize","singularName":"","namespaced":false,"kind":"Namespace","verbs":["update"]}""")]
    [InlineData("nodes/status", """{"name":"nodes/status","singularName":"","namespaced":false,"kind":"Node","verbs":["get","patch","update"]}""")]
    public void Legacy_core_subresources_match_kube_apiserver(string name, string expected) =>
        Assert.Equal(expected, DiscoveryDocuments.LegacyResourceList("", "v1")!["resources"]!.AsArray().Single(r => (string)r!["name"]! == name)!.ToJsonString());

    [Theory]
    [InlineData("", "v2")]
    [InlineData("apps", "v1beta1")]
    [InlineData("batch", "v1")]
    public void Unknown_group_versions_have_no_resource_list(string group, string version) =>
        Assert.Null(DiscoveryDocuments.LegacyResourceList(group, version));

    [Fact]
    public void Unknown_groups_have_no_group_document()
    {
        Assert.Null(DiscoveryDocuments.LegacyGroup("batch"));
        Assert.Null(DiscoveryDocuments.LegacyGroup(""));
        Assert.Equal("networking.k8s.io/v1", (string)DiscoveryDocuments.LegacyGroup("networking.k8s.io")!["preferredVersion"]!["groupVersion"]!);
    }
}
