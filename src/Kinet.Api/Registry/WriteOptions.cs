// Options common to every write: who writes (field manager), whether to persist, and how strictly to decode.
namespace Kinet.Api.Registry;

public sealed record WriteOptions
{
    public string Manager { get; init; } = "unknown";
    public bool DryRun { get; init; }
    /// <summary>fieldValidation: Strict, Warn or Ignore (null = the server default, Warn).</summary>
    public string? FieldValidation { get; init; }
    /// <summary>A server-side apply: the apply itself records this manager's fields, so no Update entry is added.</summary>
    public bool IsApply { get; init; }
    /// <summary>Warnings collected while handling the request (sent as Warning headers).</summary>
    public List<string> Warnings { get; } = [];
}
