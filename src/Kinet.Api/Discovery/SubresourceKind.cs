// What each subresource answers with and which verbs it takes, as kube-apiserver 1.32 registers them.
using Kinet.Api.Resources;

namespace Kinet.Api.Discovery;

/// <param name="Group">Group of the response kind when it differs from the parent's group-version (Scale, Eviction); else null.</param>
/// <param name="Kind">Response kind; null means the parent's kind (status, log, finalize).</param>
internal sealed record SubresourceKind(string? Group, string? Version, string? Kind, IReadOnlyList<string> Verbs)
{
    private static readonly IReadOnlyList<string> GetPatchUpdate = ["get", "patch", "update"];
    private static readonly IReadOnlyList<string> CreateGet = ["create", "get"];

    private static readonly Dictionary<string, SubresourceKind> ByName = new()
    {
        ["status"] = new(null, null, null, GetPatchUpdate),
        ["scale"] = new("autoscaling", "v1", "Scale", GetPatchUpdate),
        // pods/log streams text but declares the Pod kind.
        ["log"] = new(null, null, null, ["get"]),
        ["exec"] = new(null, null, "PodExecOptions", CreateGet),
        ["attach"] = new(null, null, "PodAttachOptions", CreateGet),
        ["portforward"] = new(null, null, "PodPortForwardOptions", CreateGet),
        ["binding"] = new(null, null, "Binding", ["create"]),
        ["eviction"] = new("policy", "v1", "Eviction", ["create"]),
        ["finalize"] = new(null, null, null, ["update"]),
    };

    public static SubresourceKind For(string subresource) =>
        ByName.TryGetValue(subresource, out var k) ? k : throw new ArgumentException($"unknown subresource {subresource}");

    public string KindFor(ResourceInfo parent) => Kind ?? parent.Kind;
}
