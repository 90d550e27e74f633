// What a successful decode reports back: the warnings to send as `Warning: 299 - "..."` headers.
namespace Kinet.Api.Decoding;

public sealed record DecodeResult(IReadOnlyList<string> Warnings)
{
    public static readonly DecodeResult Clean = new([]);
}
