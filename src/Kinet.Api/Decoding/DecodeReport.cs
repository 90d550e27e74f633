// The raw findings of walking a body against the schema, before the field-validation mode decides what they mean.
namespace Kinet.Api.Decoding;

public sealed record DecodeReport
{
    /// <summary>The fatal decoding error encoding/json would return ("json: cannot unmarshal string into Go struct field ..."), if any.</summary>
    public string? Error { get; init; }
    /// <summary>Strictness violations in document order: `unknown field "spec.foo"`, `duplicate field "spec.replicas"`.</summary>
    public IReadOnlyList<string> StrictErrors { get; init; } = [];
}
