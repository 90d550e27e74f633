// Set algebra on field paths, as structured-merge-diff's fieldpath.Set.
using Kinet.Api.Patching.Apply;
using static Kinet.Api.Tests.Patching.Apply.Paths;

namespace Kinet.Api.Tests.Patching.Apply;

public class FieldSetTests
{
    private static readonly FieldSet AB = Set(P("a"), P("a", "b"), P("c", "d"));
    private static readonly FieldSet Other = Set(P("a", "b"), P("c"), P("e"));

    [Fact]
    public void Union_has_the_paths_of_both()
    {
        Assert.Equal([".a", ".c", ".e", ".a.b", ".c.d"], AB.Union(Other).Paths().Select(PathElement.Format));
    }

    [Fact]
    public void Intersection_has_the_paths_in_both()
    {
        Assert.Equal([".a.b"], AB.Intersection(Other).Paths().Select(PathElement.Format));
    }

    [Fact]
    public void Difference_removes_exact_paths_only()
    {
        // ".c" is in Other, but ".c.d" is a different path and stays.
        Assert.Equal([".a", ".c.d"], AB.Difference(Other).Paths().Select(PathElement.Format));
    }

    [Fact]
    public void Recursive_difference_also_removes_everything_under_a_removed_member()
    {
        Assert.Equal([".a"], AB.RecursiveDifference(Other).Paths().Select(PathElement.Format));
    }

    [Fact]
    public void Emptied_children_make_an_empty_set()
    {
        var s = Set(P("a", "b")).Difference(Set(P("a", "b")));

        Assert.True(s.IsEmpty);
        Assert.Equal("{}", Compact(FieldsV1.Encode(s)));
    }

    [Fact]
    public void Has_finds_members_at_any_depth()
    {
        Assert.True(AB.Has(P("c", "d")));
        Assert.False(AB.Has(P("c")));
        Assert.False(AB.Has(P("a", "b", "x")));
    }
}
