// A leaf: string, number, bool, or one of the special encodings (IntOrString, Quantity, time, bytes, free-form).
namespace Kinet.Api.Schema;

public sealed class ScalarNode : SchemaNode
{
    public ScalarKind Kind { get; }

    private ScalarNode(ScalarKind kind) => Kind = kind;

    public static ScalarNode Of(ScalarKind kind) => All[(int)kind];
    private static readonly ScalarNode[] All = Enum.GetValues<ScalarKind>().Select(k => new ScalarNode(k)).ToArray();

    public override string GoType => Kind switch
    {
        ScalarKind.String => "string",
        ScalarKind.Int32 => "int32",
        ScalarKind.Int64 => "int64",
        ScalarKind.Bool => "bool",
        ScalarKind.Double => "float64",
        ScalarKind.IntOrString => "intstr.IntOrString",
        ScalarKind.Quantity => "resource.Quantity",
        ScalarKind.Time => "v1.Time",
        ScalarKind.Bytes => "[]uint8",
        _ => "interface {}",
    };

    public override SchemaNode? Child(string key) => Kind == ScalarKind.Untyped ? this : null;
}
