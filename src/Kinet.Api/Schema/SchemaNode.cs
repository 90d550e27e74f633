// A node of the type tree the patch, apply and decoding code walk: Struct, Map, List or Scalar.
namespace Kinet.Api.Schema;

public abstract class SchemaNode
{
    /// <summary>The Go type as encoding/json names it in errors: "int32", "v1.DeploymentSpec", "[]v1.Container", "map[string]string".</summary>
    public abstract string GoType { get; }

    /// <summary>One step down: a struct's field (null when unknown), a map's values, or a list's items (the key is ignored).</summary>
    public abstract SchemaNode? Child(string key);

    /// <summary>Walks a path of JSON field names; list indices and map keys may be any string. Null when the path leaves the schema.</summary>
    public SchemaNode? Walk(params string[] path)
    {
        SchemaNode? n = this;
        foreach (var step in path)
        {
            n = n.Child(step);
            if (n is null) return null;
        }
        return n;
    }

    public override string ToString() => GoType;
}
