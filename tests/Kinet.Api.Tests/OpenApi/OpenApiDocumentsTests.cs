// The OpenAPI v3 documents as kubectl uses them: the index points at every served group-version by content hash, and each
// kind's PATCH advertises server-side field validation (checked here the way kubectl's query-param verifier checks it).
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kinet.Api.OpenApi;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.OpenApi;

public class OpenApiDocumentsTests
{
    private static string PathOf(ResourceInfo r) => r.GroupVersionPath.TrimStart('/');

    private static JsonObject Doc(string path) => OpenApiDocuments.GroupVersion(path)!.ToJson();

    /// <summary>kubectl's supportsQueryParamV3: some path's PATCH is tagged with the GVK and takes fieldValidation.</summary>
    private static bool SupportsFieldValidation(JsonObject doc, string group, string version, string kind) =>
        doc["paths"]!.AsObject().Select(p => p.Value!["patch"]).OfType<JsonObject>().Any(patch =>
            patch["x-kubernetes-group-version-kind"] is JsonObject gvk
            && (string)gvk["group"]! == group && (string)gvk["version"]! == version && (string)gvk["kind"]! == kind
            && patch["parameters"]!.AsArray().Any(p => (string)p!["name"]! == "fieldValidation" && (string)p["in"]! == "query"));

    [Fact]
    public void The_index_points_at_every_served_group_version_by_its_hash()
    {
        var index = OpenApiDocuments.Index().ToJson()["paths"]!.AsObject();
        var expected = ResourceRegistry.Resources.Select(PathOf).Distinct().Order().ToList();
        Assert.Equal(expected, index.Select(p => p.Key).Order());
        foreach (var (path, entry) in index)
            Assert.Equal($"/openapi/v3/{path}?hash={OpenApiDocuments.Hash(path)}", (string)entry!["serverRelativeURL"]!);
    }

    [Fact]
    public void The_hash_is_the_upper_case_SHA512_of_the_served_bytes()
    {
        var doc = OpenApiDocuments.GroupVersion("apis/apps/v1")!;
        Assert.Equal(Convert.ToHexString(SHA512.HashData(doc.Utf8.Span)), doc.Hash);
        Assert.Matches("^[0-9A-F]{128}$", doc.Hash);
    }

    [Fact]
    public void Documents_are_built_once()
    {
        Assert.Same(OpenApiDocuments.GroupVersion("api/v1"), OpenApiDocuments.GroupVersion("/api/v1"));
        Assert.Same(OpenApiDocuments.Index(), OpenApiDocuments.Index());
    }

    [Theory]
    [InlineData("apis/batch/v1")]
    [InlineData("apis/apps/v1beta1")]
    [InlineData("api/v2")]
    [InlineData("")]
    public void Unserved_group_versions_have_no_document(string path) => Assert.Null(OpenApiDocuments.GroupVersion(path));

    [Fact]
    public void Every_served_kind_lets_kubectl_rely_on_server_side_field_validation() =>
        Assert.All(ResourceRegistry.Resources, r => Assert.True(SupportsFieldValidation(Doc(PathOf(r)), r.Group, r.Version, r.Kind), r.QualifiedName));

    [Fact]
    public void Patch_bodies_never_offer_strategic_merge_patch_so_kubectl_keeps_its_built_in_patch_metadata()
    {
        foreach (var path in OpenApiDocuments.Paths)
        {
            foreach (var patch in Doc(path)["paths"]!.AsObject().Select(p => p.Value!["patch"]).OfType<JsonObject>())
            {
                var types = patch["requestBody"]!["content"]!.AsObject().Select(c => c.Key).ToList();
                Assert.Equal(["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"], types);
            }
        }
    }

    [Fact]
    public void A_namespaced_kind_has_collection_item_all_namespaces_status_and_scale_paths()
    {
        var paths = Doc("apis/apps/v1")["paths"]!.AsObject();
        var deployment = paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!;
        Assert.Equal(["parameters", "get", "put", "patch", "delete"], deployment.AsObject().Select(p => p.Key));
        Assert.Equal(("patchAppsV1NamespacedDeployment", "patch"), ((string)deployment["patch"]!["operationId"]!, (string)deployment["patch"]!["x-kubernetes-action"]!));
        Assert.Equal(["get", "post", "delete"], paths["/apis/apps/v1/namespaces/{namespace}/deployments"]!.AsObject().Select(p => p.Key).Where(k => k != "parameters"));
        Assert.Equal("listAppsV1DeploymentForAllNamespaces", (string)paths["/apis/apps/v1/deployments"]!["get"]!["operationId"]!);
        Assert.Equal("Deployment", (string)paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"]!["patch"]!["x-kubernetes-group-version-kind"]!["kind"]!);
        Assert.Equal("""{"group":"autoscaling","version":"v1","kind":"Scale"}""",
            paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace_in_their_paths()
    {
        var paths = Doc("api/v1")["paths"]!.AsObject();
        Assert.Equal("readCoreV1Node", (string)paths["/api/v1/nodes/{name}"]!["get"]!["operationId"]!);
        Assert.DoesNotContain("/api/v1/namespaces/{namespace}/nodes", paths.Select(p => p.Key));
        // Namespaces cannot be deleted as a collection.
        Assert.Null(paths["/api/v1/namespaces"]!["delete"]);
    }

    [Fact]
    public void Kind_schemas_are_tagged_with_their_group_version_kind_for_kubectl_explain()
    {
        var schemas = Doc("apis/apps/v1")["components"]!["schemas"]!.AsObject();
        Assert.Equal("""[{"group":"apps","kind":"Deployment","version":"v1"}]""", schemas["io.k8s.api.apps.v1.Deployment"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("""[{"group":"apps","kind":"DeploymentList","version":"v1"}]""", schemas["io.k8s.api.apps.v1.DeploymentList"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec",
            (string)schemas["io.k8s.api.apps.v1.Deployment"]!["properties"]!["spec"]!["allOf"]![0]!["$ref"]!);
        var replicas = schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["replicas"]!;
        Assert.Equal(("integer", "int32"), ((string)replicas["type"]!, (string)replicas["format"]!));
    }

    [Theory]
    [InlineData("api/v1", "io.k8s.api.core.v1.PodSpec")]
    [InlineData("apis/apps/v1", "io.k8s.api.core.v1.PodTemplateSpec")]
    [InlineData("apis/apps/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")]
    [InlineData("api/v1", "io.k8s.api.core.v1.EndpointPort")]
    [InlineData("apis/discovery.k8s.io/v1", "io.k8s.api.discovery.v1.EndpointPort")]
    [InlineData("api/v1", "io.k8s.apimachinery.pkg.util.intstr.IntOrString")]
    [InlineData("api/v1", "io.k8s.apimachinery.pkg.api.resource.Quantity")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.networking.v1.IngressSpec")]
    public void Shared_types_are_named_after_their_Go_package(string path, string schema) =>
        Assert.True(Doc(path)["components"]!["schemas"]!.AsObject().ContainsKey(schema), schema);

    [Fact]
    public void Every_reference_resolves_inside_its_own_document()
    {
        foreach (var path in OpenApiDocuments.Paths)
        {
            var doc = Doc(path);
            var schemas = doc["components"]!["schemas"]!.AsObject();
            var refs = References(doc).ToList();
            Assert.NotEmpty(refs);
            Assert.All(refs, r => Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), $"{path}: {r}"));
        }
    }

    [Fact]
    public void Int_or_string_fields_say_so()
    {
        var schemas = Doc("api/v1")["components"]!["schemas"]!.AsObject();
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            (string)schemas["io.k8s.api.core.v1.ServicePort"]!["properties"]!["targetPort"]!["allOf"]![0]!["$ref"]!);
        Assert.True((bool)schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["x-kubernetes-int-or-string"]!);
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [(string)p.Value!] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };
}
