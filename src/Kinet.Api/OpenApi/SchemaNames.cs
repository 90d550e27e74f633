// Names OpenAPI schemas the way kube-apiserver does ("io.k8s.api.apps.v1.DeploymentSpec"), from KubernetesClient's C# type names.
// kubectl explain shows the part after the last dot as a field's type, so that part must be the Go type name.
using System.Text.RegularExpressions;

namespace Kinet.Api.OpenApi;

internal static partial class SchemaNames
{
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    private const string MetaPrefix = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    // Types of apimachinery's meta/v1 package that KubernetesClient names like any other V1 model.
    private static readonly HashSet<string> MetaTypes =
    [
        "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry", "Condition",
        "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "WatchEvent", "APIResource", "APIResourceList",
        "APIGroup", "APIGroupList", "APIVersions", "GroupVersionForDiscovery", "ServerAddressByClientCIDR",
    ];

    // Core types that no served core kind reaches first (PodTemplateSpec comes in through Deployment and ReplicaSet).
    private static readonly HashSet<string> CoreTypes = ["PodTemplateSpec"];

    // "V1Deployment", "V1beta1Foo", or with a package prefix when names collide: "Corev1EndpointPort", "Discoveryv1EndpointPort".
    [GeneratedRegex("^(?<pkg>[A-Z][a-z]+)?[Vv](?<ver>[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)(?<name>[A-Z][A-Za-z0-9]*)$")]
    private static partial Regex ModelName();

    /// <summary>The Go type name and version of a model type, and its package when the C# name says it.</summary>
    public static (string Name, string Version, string? Package)? Parse(Type t)
    {
        var m = ModelName().Match(t.Name);
        if (!m.Success) return null;
        var pkg = m.Groups["pkg"].Success ? m.Groups["pkg"].Value.ToLowerInvariant() : null;
        return (m.Groups["name"].Value, "v" + m.Groups["ver"].Value, pkg);
    }

    /// <summary>
    /// The schema name of a model type; <paramref name="package"/> is the Go package ("core", "apps", "networking") of the kind
    /// that first reached the type, used when neither the C# name nor the meta list tells.
    /// </summary>
    public static string For(Type t, string package)
    {
        if (Parse(t) is not { } p) return "io.k8s.kinet." + t.Name;
        if (p.Package is null && p.Version == "v1" && MetaTypes.Contains(p.Name)) return MetaPrefix + p.Name;
        if (p.Package is null && CoreTypes.Contains(p.Name)) return $"io.k8s.api.core.{p.Version}.{p.Name}";
        return $"io.k8s.api.{p.Package ?? package}.{p.Version}.{p.Name}";
    }

    /// <summary>The Go package of an API group: "" is core, otherwise the group's first label ("networking.k8s.io" is networking).</summary>
    public static string PackageOf(string group) => group.Length == 0 ? "core" : group.Split('.')[0];
}
