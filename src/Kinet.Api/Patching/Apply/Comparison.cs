// What changed between two versions of an object, as field sets (upstream typed.Comparison).
namespace Kinet.Api.Patching.Apply;

internal sealed class Comparison
{
    public FieldSet Added { get; init; } = new();
    public FieldSet Modified { get; init; } = new();
    public FieldSet Removed { get; init; } = new();

    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;

    /// <summary>Drops the ignored (reset) fields and everything below them from all three sets.</summary>
    public Comparison Without(FieldSet? ignored) => ignored is null ? this : new()
    {
        Added = Added.RecursiveDifference(ignored),
        Modified = Modified.RecursiveDifference(ignored),
        Removed = Removed.RecursiveDifference(ignored),
    };
}
