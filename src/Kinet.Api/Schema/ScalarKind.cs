// The JSON shapes a leaf may take; several are Kubernetes special cases with their own wire encoding.
namespace Kinet.Api.Schema;

public enum ScalarKind
{
    String,
    Int32,
    Int64,
    Bool,
    Double,
    /// <summary>intstr.IntOrString: a JSON number or string.</summary>
    IntOrString,
    /// <summary>resource.Quantity: a string ("100m") or a number.</summary>
    Quantity,
    /// <summary>metav1.Time / MicroTime: an RFC 3339 string or null.</summary>
    Time,
    /// <summary>[]byte: a base64 string.</summary>
    Bytes,
    /// <summary>Free-form JSON (FieldsV1, RawExtension): any value, never looked into.</summary>
    Untyped,
}
