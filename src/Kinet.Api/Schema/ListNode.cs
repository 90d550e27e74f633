// A list with its merge semantics: strategic merge patch (strategy, merge key) and server-side apply (list type, keys).
namespace Kinet.Api.Schema;

public sealed class ListNode : SchemaNode
{
    public required SchemaNode Items { get; init; }
    public ListType ListType { get; init; }
    /// <summary>For <see cref="ListType.Map"/>: the item fields that together identify an item (+listMapKey).</summary>
    public IReadOnlyList<string> MapKeys { get; init; } = [];
    /// <summary>The owning field's patchStrategy (Merge means items are merged, not the list replaced).</summary>
    public PatchStrategy PatchStrategy { get; init; }
    /// <summary>The owning field's patchMergeKey; null for scalar lists and replaced lists.</summary>
    public string? PatchMergeKey { get; init; }

    /// <summary>Strategic merge patch merges this list (by key for objects, by value for scalars) instead of replacing it.</summary>
    public bool MergesInPatch => PatchStrategy.HasFlag(PatchStrategy.Merge);

    public override string GoType => "[]" + Items.GoType;
    public override SchemaNode? Child(string key) => Items;
}
