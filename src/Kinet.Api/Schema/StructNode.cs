// A Go struct: fields by JSON name. Shared per CLR type, so recursive types form a graph, not an infinite tree.
namespace Kinet.Api.Schema;

public sealed class StructNode : SchemaNode
{
    private readonly Dictionary<string, SchemaField> fields = new(StringComparer.Ordinal);

    internal StructNode(string name, bool atomic)
    {
        Name = name;
        Atomic = atomic;
    }

    /// <summary>The Go type name without package ("DeploymentSpec"), as in "Go struct field DeploymentSpec.spec.replicas".</summary>
    public string Name { get; }
    /// <summary>+structType=atomic: server-side apply owns the struct as one value.</summary>
    public bool Atomic { get; }
    public IReadOnlyDictionary<string, SchemaField> Fields => fields;

    public SchemaField? Field(string jsonName) => fields.GetValueOrDefault(jsonName);

    internal void Add(SchemaField f) => fields[f.Name] = f;

    public override string GoType => "v1." + Name;
    public override SchemaNode? Child(string key) => Field(key)?.Node;
}
