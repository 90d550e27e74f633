// The one place that decides how objects are ordered ((namespace, name), ordinal) and how a list position is written as
// a key ("ns/name", or "name" for cluster-scoped objects) for ListResult.ContinueAfter and List's after.
namespace Kinet.Store.Core;

internal static class ObjectKeys
{
    public static readonly IComparer<StoredObject> Order = Comparer<StoredObject>.Create(Compare);

    public static int Compare(StoredObject? a, StoredObject? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>A stand-in object that sorts at (ns, name); only for lookups.</summary>
    public static StoredObject Probe(string resource, string ns, string name) => new(resource, ns, name, 0, []);

    public static string Format(StoredObject o) => o.Namespace.Length == 0 ? o.Name : o.Namespace + "/" + o.Name;

    // Neither namespaces nor names may contain '/', so the first one separates them.
    public static (string Namespace, string Name) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }
}
