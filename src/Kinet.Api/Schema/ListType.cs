// Server-side apply list semantics (+listType): how two managers' items combine.
namespace Kinet.Api.Schema;

public enum ListType
{
    /// <summary>The whole list is one value, owned and replaced as a unit (the default for untagged lists).</summary>
    Atomic,
    /// <summary>A list of unique scalars; each item is owned separately.</summary>
    Set,
    /// <summary>A list of objects identified by <see cref="ListNode.MapKeys"/>.</summary>
    Map,
}
