// What a protobuf field holds: a scalar, a nested message, or one of the apimachinery types with their own JSON form.
namespace Kinet.Api.Protobuf.Schema;

internal enum FieldType : byte
{
    /// <summary>string → JSON string.</summary>
    Str,
    /// <summary>bytes → base64 JSON string, as Go marshals []byte.</summary>
    Bytes,
    Bool,
    I32,
    I64,
    /// <summary>A nested message described in the table (the field's Message names it).</summary>
    Message,
    /// <summary>meta/v1 Time {seconds, nanos}: RFC 3339 seconds, nanos dropped as apimachinery does; zero is null.</summary>
    Time,
    /// <summary>meta/v1 MicroTime {seconds, nanos}: RFC 3339 with microseconds; zero is null.</summary>
    MicroTime,
    /// <summary>meta/v1 Duration {duration (ns)}: Go duration string ("1m30s").</summary>
    Duration,
    /// <summary>api/resource Quantity {string}: the quantity string.</summary>
    Quantity,
    /// <summary>util/intstr IntOrString {type, intVal, strVal}: JSON number or string.</summary>
    IntOrString,
    /// <summary>runtime RawExtension {raw}: the embedded JSON.</summary>
    RawExtension,
    /// <summary>meta/v1 FieldsV1 {Raw}: the embedded JSON.</summary>
    FieldsV1,
}
