// Image references as a container runtime reports them in container statuses: the fully qualified name
// (docker.io/library/nginx:latest for "nginx", as containerd normalises it) and an image ID of the repository@digest
// form. Kinet pulls nothing, so the digest is a stable hash of the name rather than a registry's manifest digest.
using System.Security.Cryptography;
using System.Text;

namespace Kinet.Controllers.Nodes;

public static class ContainerImages
{
    private const string DefaultDomain = "docker.io";

    /// <summary>docker's reference normalisation: a default registry, "library/" for official images, ":latest" when neither tag nor digest is given.</summary>
    public static string Normalize(string image)
    {
        if (image.Length == 0) return image;
        var slash = image.IndexOf('/');
        var first = slash < 0 ? "" : image[..slash];
        var hasDomain = slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper));
        var rest = hasDomain ? image[(slash + 1)..] : image;
        var domain = hasDomain ? first : DefaultDomain;
        if (domain == "index.docker.io") domain = DefaultDomain;
        if (domain == DefaultDomain && !rest.Contains('/')) rest = "library/" + rest;
        var lastSlash = rest.LastIndexOf('/');
        var tail = rest[(lastSlash + 1)..];
        if (!tail.Contains(':') && !rest.Contains('@')) rest += ":latest";
        return domain + "/" + rest;
    }

    /// <summary>The repository (without tag or digest) of a normalised reference.</summary>
    public static string Repository(string normalized)
    {
        var at = normalized.IndexOf('@');
        var name = at >= 0 ? normalized[..at] : normalized;
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > lastSlash ? name[..colon] : name;
    }

    /// <summary>repository@sha256:…, the shape of status.containerStatuses[].imageID.</summary>
    public static string ImageId(string image)
    {
        var normalized = Normalize(image);
        var at = normalized.IndexOf('@');
        if (at >= 0) return normalized;
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("kinet image " + normalized)));
        return $"{Repository(normalized)}@sha256:{digest}";
    }
}
