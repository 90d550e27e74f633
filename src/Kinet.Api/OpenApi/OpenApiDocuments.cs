// The OpenAPI v3 documents: the /openapi/v3 index and one document per served group-version ("api/v1", "apis/apps/v1"),
// built once from ResourceRegistry and KubernetesClient's model types. kubectl apply/create/replace need them to get past
// client-side validation; kubectl explain walks their component schemas.
using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;
using Kinet.Api.Discovery;
using Kinet.Api.Resources;

namespace Kinet.Api.OpenApi;

public static class OpenApiDocuments
{
    private static readonly Lazy<Built> Documents = new(Build);

    /// <summary>GET /openapi/v3: <c>{"paths":{"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=…"}}}</c>.</summary>
    public static OpenApiDocument Index() => Documents.Value.Index;

    /// <summary>GET /openapi/v3/{path}; null when the group-version is not served. The hash query parameter is not checked.</summary>
    public static OpenApiDocument? GroupVersion(string path) => Documents.Value.ByPath.GetValueOrDefault(path.Trim('/'));

    /// <summary>The hash in the index's URL of <paramref name="path"/>; null when not served.</summary>
    public static string? Hash(string path) => GroupVersion(path)?.Hash;

    /// <summary>The served group-version paths, in index order.</summary>
    public static IReadOnlyList<string> Paths => Documents.Value.ByPath.Keys.ToList();

    private sealed record Built(OpenApiDocument Index, IReadOnlyDictionary<string, OpenApiDocument> ByPath);

    private static Built Build()
    {
        var models = typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is not null && x.Type.Namespace == "k8s.Models")
            .ToList();
        Type? Model(string group, string version, string kind) =>
            models.FirstOrDefault(m => m.Entity!.Group == group && m.Entity.ApiVersion == version && m.Entity.Kind == kind).Type;

        // Roots in registry order (core first), so shared types such as PodSpec are named after the package that defines them.
        var generator = new SchemaGenerator();
        foreach (var r in ResourceRegistry.Resources)
        {
            var package = SchemaNames.PackageOf(r.Group);
            if (Model(r.Group, r.Version, r.Kind) is { } kind) generator.AddRoot(kind, package, (r.Group, r.Version, r.Kind));
            if (Model(r.Group, r.Version, r.ListKind) is { } list) generator.AddRoot(list, package, (r.Group, r.Version, r.ListKind));
        }
        generator.AddRoot(typeof(V1Scale), "autoscaling", ("autoscaling", "v1", "Scale"));
        generator.AddRoot(typeof(V1Status), "meta", ("", "v1", "Status"));
        generator.AddRoot(typeof(V1DeleteOptions), "meta", ("", "v1", "DeleteOptions"));

        var byPath = new Dictionary<string, OpenApiDocument>();
        foreach (var group in ResourceRegistry.Groups)
        {
            foreach (var version in ResourceRegistry.Resources.Where(r => r.Group == group).Select(r => r.Version).Distinct())
            {
                var path = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
                byPath[path] = new OpenApiDocument(path, GroupVersionDocument(group, version, generator, Model));
            }
        }

        var index = new JsonObject();
        foreach (var (path, doc) in byPath) index[path] = new JsonObject { ["serverRelativeURL"] = doc.ServerRelativeUrl };
        return new Built(new OpenApiDocument("", new JsonObject { ["paths"] = index }), byPath);
    }

    private static JsonObject GroupVersionDocument(string group, string version, SchemaGenerator generator, Func<string, string, string, Type?> model)
    {
        var resources = ResourceRegistry.Resources.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal);
        var roots = new List<Type> { typeof(V1Status), typeof(V1DeleteOptions) };
        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            var kind = model(r.Group, r.Version, r.Kind) ?? throw new InvalidOperationException($"no KubernetesClient model for {r.ApiVersion} {r.Kind}");
            var list = model(r.Group, r.Version, r.ListKind) ?? throw new InvalidOperationException($"no KubernetesClient model for {r.ApiVersion} {r.ListKind}");
            roots.Add(kind);
            roots.Add(list);
            if (r.HasScale) roots.Add(typeof(V1Scale));
            var builder = new PathBuilder(r, generator.NameOf(kind), generator.NameOf(list), r.HasScale ? generator.NameOf(typeof(V1Scale)) : null);
            foreach (var (path, item) in builder.Paths()) paths[path] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.GitVersion },
            ["paths"] = new JsonObject([.. paths.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            ["components"] = new JsonObject { ["schemas"] = generator.Schemas(roots) },
        };
    }
}
