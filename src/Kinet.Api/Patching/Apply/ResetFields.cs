// The fields a write to a resource or subresource may not set (the registry strategies' GetResetFields): the main
// resource resets status, the status subresource resets spec (and a few metadata fields). Nobody owns them through that door.
using Kinet.Api.Resources;

namespace Kinet.Api.Patching.Apply;

internal static class ResetFields
{
    public static FieldSet? For(ResourceInfo r, string? subresource)
    {
        if (string.IsNullOrEmpty(subresource))
            return r.HasStatus ? Paths(["status"]) : null;
        if (subresource != "status") return null;
        return (r.Group, r.Plural) switch
        {
            ("", "pods") => Paths(["spec"], ["metadata", "deletionTimestamp"], ["metadata", "ownerReferences"]),
            ("apps", "deployments") => Paths(["spec"], ["metadata", "labels"]),
            _ => Paths(["spec"]),
        };
    }

    private static FieldSet Paths(params string[][] paths) =>
        FieldSet.Of(paths.Select(p => p.Select(PathElement.Field).ToArray()).ToArray());
}
