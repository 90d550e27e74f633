// Adapter from Kinet.Api.Schema to the view server-side apply needs: is this value a scalar leaf, a map (struct or
// string map, granular or atomic) or a list (atomic, set, or map keyed by fields)? A null node means "no schema here"
// (free-form JSON or a field the schema lacks); upstream's deduced type then applies: objects are granular maps, arrays
// are atomic, everything else is a scalar.
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal enum Shape { Scalar, Map, List }

internal readonly record struct TypeView(Shape Shape, SchemaNode? Node, bool Atomic)
{
    public static TypeView Of(SchemaNode? node, JsonNode? value) => node switch
    {
        StructNode s => value is null or JsonObject ? new(Shape.Map, s, s.Atomic) : new(Shape.Scalar, s, true),
        MapNode m => value is null or JsonObject ? new(Shape.Map, m, m.Atomic) : new(Shape.Scalar, m, true),
        ListNode l => value is null or JsonArray ? new(Shape.List, l, l.ListType == ListType.Atomic) : new(Shape.Scalar, l, true),
        ScalarNode { Kind: not ScalarKind.Untyped } => new(Shape.Scalar, node, true),
        _ => value switch
        {
            JsonObject => new(Shape.Map, null, false),
            JsonArray => new(Shape.List, null, true),
            _ => new(Shape.Scalar, null, true),
        },
    };

    /// <summary>The type of a map's or struct's field (null: deduced).</summary>
    public SchemaNode? FieldType(string key) => Node switch
    {
        StructNode s => s.Field(key)?.Node,
        MapNode m => m.Values,
        _ => null,
    };

    /// <summary>A field the struct declares (as opposed to a map key or an unknown field).</summary>
    public bool IsDeclaredField(string key) => Node is StructNode s && s.Field(key) is not null;

    public ListNode? List => Node as ListNode;

    public SchemaNode? ItemType => (Node as ListNode)?.Items;
}
