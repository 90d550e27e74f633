// One protobuf message of the table: its name ("core.v1.PodSpec") and its fields by number.
namespace Kinet.Api.Protobuf.Schema;

internal sealed class MessageDescriptor
{
    private readonly Dictionary<int, FieldDescriptor> byNumber;

    public MessageDescriptor(string name, params FieldDescriptor[] fields)
    {
        Name = name;
        Fields = fields;
        byNumber = fields.ToDictionary(f => f.Number);
    }

    /// <summary>Table name: the proto package without its "k8s.io.api." / "k8s.io.apimachinery.pkg.apis." prefix, then the message.</summary>
    public string Name { get; }

    /// <summary>The Go type name, as gogo's errors spell it ("PodSpec").</summary>
    public string GoTypeName => Name[(Name.LastIndexOf('.') + 1)..];

    public IReadOnlyList<FieldDescriptor> Fields { get; }

    public FieldDescriptor? Find(int number) => byNumber.GetValueOrDefault(number);
}
