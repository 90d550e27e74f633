// What a resource URL names: the resource, namespace, object name and subresource, as apiserver's RequestInfoFactory parses it.
using Kinet.Api.Resources;

namespace Kinet.Api.Http;

public sealed record RequestTarget(ResourceInfo Resource, string? Namespace, string? Name, string? Subresource)
{
    public bool IsCollection => Name is null;

    /// <summary>
    /// Parses `/api/v1/...` and `/apis/{group}/{version}/...`. Returns null when the path is not a resource path
    /// (discovery and other endpoints are handled elsewhere); throws NotFound for an unknown resource.
    /// </summary>
    public static RequestTarget? Parse(string path, out bool legacyWatch)
    {
        legacyWatch = false;
        var segs = path.Trim('/').Split('/');
        string group, version;
        int i;
        if (segs.Length >= 3 && segs[0] == "api") { group = ""; version = segs[1]; i = 2; }
        else if (segs.Length >= 4 && segs[0] == "apis") { group = segs[1]; version = segs[2]; i = 3; }
        else return null;

        if (segs[i] == "watch") { legacyWatch = true; i++; if (i >= segs.Length) return null; }

        string? ns = null;
        // /namespaces/{ns}/{resource}... names a namespaced resource; /namespaces/{name}[/sub] names the namespace itself.
        if (segs[i] == "namespaces" && segs.Length >= i + 3)
        {
            ns = segs[i + 1];
            i += 2;
        }
        var plural = segs[i];
        var resource = ResourceRegistry.Find(group, version, plural)
            ?? throw new Errors.ApiException(404, "NotFound", "the server could not find the requested resource");
        if (ns is not null && !resource.Namespaced)
        {
            // e.g. /api/v1/namespaces/foo/nodes: not a thing.
            throw new Errors.ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        string? name = segs.Length > i + 1 ? Uri.UnescapeDataString(segs[i + 1]) : null;
        string? sub = segs.Length > i + 2 ? segs[i + 2] : null;
        if (segs.Length > i + 3 || (sub is not null && !resource.Subresources.Contains(sub)))
            throw new Errors.ApiException(404, "NotFound", "the server could not find the requested resource");
        if (ns is not null) ns = Uri.UnescapeDataString(ns);
        return new RequestTarget(resource, ns, name, sub);
    }
}
