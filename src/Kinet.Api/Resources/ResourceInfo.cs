// What the API server knows about one served resource: its names, scope, verbs and subresources.
// Every layer that needs "what is a deployment" (routing, discovery, OpenAPI, tables, validation) reads it from here.
namespace Kinet.Api.Resources;

public sealed record ResourceInfo
{
    /// <summary>API group; "" for the core group.</summary>
    public required string Group { get; init; }
    public string Version { get; init; } = "v1";
    /// <summary>Plural resource name as in URLs ("deployments").</summary>
    public required string Plural { get; init; }
    public required string Singular { get; init; }
    public required string Kind { get; init; }
    public required bool Namespaced { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>Subresources served: "status", "scale", "log", "exec", "attach", "portforward".</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];
    public IReadOnlyList<string> Verbs { get; init; } = ResourceRegistry.AllVerbs;

    public string ListKind => Kind + "List";
    /// <summary>"v1" or "apps/v1".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    /// <summary>"pods" or "deployments.apps", as kube-apiserver names a resource in messages ("deployments.apps \"x\" not found").</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
    /// <summary>Key under which the store keeps this resource ("core/pods", "apps/deployments").</summary>
    public string StoreKey => (Group.Length == 0 ? "core" : Group) + "/" + Plural;
    /// <summary>URL prefix of the group-version: "/api/v1" or "/apis/apps/v1".</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
    public bool HasStatus => Subresources.Contains("status");
    public bool HasScale => Subresources.Contains("scale");
}
