// Which watched resource an ownerReference's apiVersion and kind name, to look an owner up by name when its uid is not
// (yet) in the graph. The plural is guessed as apimachinery's UnsafeGuessKindToResource does, and only accepted when it
// is one of the watched resources; any other kind is unknown.
using Kinet.Controllers.Client;

namespace Kinet.Controllers.GarbageCollection;

public sealed class OwnerKinds(IEnumerable<ResourceRef> namespaced, IEnumerable<ResourceRef> clusterScoped)
{
    private readonly HashSet<ResourceRef> _namespaced = [.. namespaced];
    private readonly HashSet<ResourceRef> _clusterScoped = [.. clusterScoped];

    /// <summary>The watched resource of <paramref name="kind"/> in <paramref name="apiVersion"/>, and whether it is namespaced; null when not watched.</summary>
    public (ResourceRef Resource, bool Namespaced)? Resolve(string apiVersion, string kind)
    {
        if (kind.Length == 0) return null;
        var slash = apiVersion.IndexOf('/');
        var r = new ResourceRef(slash < 0 ? "" : apiVersion[..slash], GuessPlural(kind));
        if (_namespaced.Contains(r)) return (r, true);
        if (_clusterScoped.Contains(r)) return (r, false);
        return null;
    }

    public static string GuessPlural(string kind)
    {
        var singular = kind.ToLowerInvariant();
        if (singular == "endpoints") return singular;
        return singular[^1] switch
        {
            's' => singular + "es",
            'y' => singular[..^1] + "ies",
            _ => singular + "s",
        };
    }
}
