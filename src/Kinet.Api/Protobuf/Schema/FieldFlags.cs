// How a field is laid out and when its zero value is still written to JSON.
namespace Kinet.Api.Protobuf.Schema;

[Flags]
internal enum FieldFlags : byte
{
    None = 0,
    /// <summary>A repeated field: a JSON array, written only when it has elements (gogo writes nothing for an empty list).</summary>
    Repeated = 1,
    /// <summary>A map&lt;string, T&gt; field: repeated entry messages {1: key, 2: value} → a JSON object.</summary>
    Map = 2,
    /// <summary>A scalar whose zero value is still written: the Go field is a pointer (present means set) or has no omitempty.</summary>
    Keep = 4,
    /// <summary>An embedded Go struct with `json:",inline"`: its fields land in the parent JSON object.</summary>
    Inline = 8,
}
