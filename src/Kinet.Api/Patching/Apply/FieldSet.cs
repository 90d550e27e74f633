// A set of field paths as a trie (structured-merge-diff fieldpath.Set): Members are paths that end here, Children lead
// further. Both are kept sorted by PathElement order, which is also the FieldsV1 order. Set operations return new sets.
namespace Kinet.Api.Patching.Apply;

public sealed class FieldSet
{
    private readonly List<PathElement> members = [];
    private readonly List<(PathElement Element, FieldSet Set)> children = [];

    public IReadOnlyList<PathElement> Members => members;
    public IReadOnlyList<(PathElement Element, FieldSet Set)> Children => children;

    public bool IsEmpty => members.Count == 0 && children.All(c => c.Set.IsEmpty);

    public static FieldSet Of(params PathElement[][] paths)
    {
        var s = new FieldSet();
        foreach (var p in paths) s.Insert(p);
        return s;
    }

    /// <summary>Adds a path (mutates; for building). An empty path is ignored.</summary>
    public void Insert(IReadOnlyList<PathElement> path)
    {
        if (path.Count == 0) return;
        var s = this;
        for (var i = 0; i < path.Count - 1; i++) s = s.Descend(path[i]);
        s.AddMember(path[^1]);
    }

    internal void AddMember(PathElement pe)
    {
        var i = members.BinarySearch(pe);
        if (i < 0) members.Insert(~i, pe);
    }

    /// <summary>The child set under <paramref name="pe"/>, created when missing.</summary>
    internal FieldSet Descend(PathElement pe)
    {
        var i = FindChild(pe);
        if (i >= 0) return children[i].Set;
        var s = new FieldSet();
        children.Insert(~i, (pe, s));
        return s;
    }

    private int FindChild(PathElement pe)
    {
        int lo = 0, hi = children.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var c = children[mid].Element.CompareTo(pe);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    public bool HasMember(PathElement pe) => members.BinarySearch(pe) >= 0;

    public bool Has(IReadOnlyList<PathElement> path)
    {
        if (path.Count == 0) return false;
        var s = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            var c = s.FindChild(path[i]);
            if (c < 0) return false;
            s = s.children[c].Set;
        }
        return s.HasMember(path[^1]);
    }

    /// <summary>The subset under <paramref name="pe"/> (empty when none).</summary>
    public FieldSet WithPrefix(PathElement pe)
    {
        var i = FindChild(pe);
        return i >= 0 ? children[i].Set : new FieldSet();
    }

    public FieldSet Copy()
    {
        var s = new FieldSet();
        s.members.AddRange(members);
        foreach (var (e, c) in children) s.children.Add((e, c.Copy()));
        return s;
    }

    public FieldSet Union(FieldSet other)
    {
        var s = new FieldSet();
        s.members.AddRange(MergeSorted(members, other.members));
        int i = 0, j = 0;
        while (i < children.Count || j < other.children.Count)
        {
            var c = i >= children.Count ? 1 : j >= other.children.Count ? -1 : children[i].Element.CompareTo(other.children[j].Element);
            if (c < 0) s.children.Add((children[i].Element, children[i++].Set.Copy()));
            else if (c > 0) s.children.Add((other.children[j].Element, other.children[j++].Set.Copy()));
            else s.children.Add((children[i].Element, children[i++].Set.Union(other.children[j++].Set)));
        }
        return s;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var s = new FieldSet();
        s.members.AddRange(members.Where(other.HasMember));
        foreach (var (e, c) in children)
        {
            var o = other.FindChild(e);
            if (o < 0) continue;
            var r = c.Intersection(other.children[o].Set);
            if (!r.IsEmpty) s.children.Add((e, r));
        }
        return s;
    }

    /// <summary>Paths of this set that are not in <paramref name="other"/> (exact paths only; children of a removed member stay).</summary>
    public FieldSet Difference(FieldSet other)
    {
        var s = new FieldSet();
        s.members.AddRange(members.Where(m => !other.HasMember(m)));
        foreach (var (e, c) in children)
        {
            var o = other.FindChild(e);
            if (o < 0) { s.children.Add((e, c.Copy())); continue; }
            var r = c.Difference(other.children[o].Set);
            if (!r.IsEmpty) s.children.Add((e, r));
        }
        return s;
    }

    /// <summary>Like Difference, but a member of <paramref name="other"/> also removes everything below it.</summary>
    public FieldSet RecursiveDifference(FieldSet other)
    {
        var s = new FieldSet();
        s.members.AddRange(members.Where(m => !other.HasMember(m)));
        foreach (var (e, c) in children)
        {
            if (other.HasMember(e)) continue;
            var o = other.FindChild(e);
            if (o < 0) { s.children.Add((e, c.Copy())); continue; }
            var r = c.RecursiveDifference(other.children[o].Set);
            if (!r.IsEmpty) s.children.Add((e, r));
        }
        return s;
    }

    /// <summary>Every path, members of a level before its children, in sorted order (upstream Set.Iterate).</summary>
    public IEnumerable<PathElement[]> Paths() => Paths([]);

    private IEnumerable<PathElement[]> Paths(PathElement[] prefix)
    {
        foreach (var m in members) yield return [.. prefix, m];
        foreach (var (e, c) in children)
            foreach (var p in c.Paths([.. prefix, e]))
                yield return p;
    }

    public bool SetEquals(FieldSet other) =>
        members.SequenceEqual(other.members) &&
        children.Where(c => !c.Set.IsEmpty).Select(c => c.Element).SequenceEqual(other.children.Where(c => !c.Set.IsEmpty).Select(c => c.Element)) &&
        children.Where(c => !c.Set.IsEmpty).Zip(other.children.Where(c => !c.Set.IsEmpty)).All(p => p.First.Set.SetEquals(p.Second.Set));

    public override string ToString() => string.Join("\n", Paths().Select(PathElement.Format));

    private static IEnumerable<PathElement> MergeSorted(List<PathElement> a, List<PathElement> b)
    {
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            var c = i >= a.Count ? 1 : j >= b.Count ? -1 : a[i].CompareTo(b[j]);
            if (c < 0) yield return a[i++];
            else if (c > 0) yield return b[j++];
            else { yield return a[i++]; j++; }
        }
    }
}
