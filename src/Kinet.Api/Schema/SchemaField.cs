// One field of a struct: its JSON name, its type, and its strategic-merge-patch tags.
namespace Kinet.Api.Schema;

public sealed class SchemaField
{
    public required string Name { get; init; }
    public required SchemaNode Node { get; init; }
    public PatchStrategy PatchStrategy { get; init; }
    /// <summary>patchMergeKey: the item field that identifies list items in strategic merge patch.</summary>
    public string? PatchMergeKey { get; init; }
    /// <summary>The field's declared Go type as reflect prints it ("v1.Protocol", "v1.ResourceList", "int32" for *int32).</summary>
    public string GoType { get => goType ?? Node.GoType; init => goType = value; }
    private readonly string? goType;

    public override string ToString() => $"{Name}: {Node.GoType}";
}
