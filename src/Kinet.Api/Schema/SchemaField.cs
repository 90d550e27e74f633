// One field of a struct: its JSON name, its type, and its strategic-merge-patch tags.
namespace Kinet.Api.Schema;

public sealed class SchemaField
{
    public required string Name { get; init; }
    public required SchemaNode Node { get; init; }
    public PatchStrategy PatchStrategy { get; init; }
    /// <summary>patchMergeKey: the item field that identifies list items in strategic merge patch.</summary>
    public string? PatchMergeKey { get; init; }

    public override string ToString() => $"{Name}: {Node.GoType}";
}
