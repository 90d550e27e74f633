// Continue tokens for paginated lists: the key of the last returned item and the revision of the first page, base64-encoded
// like the apiserver's opaque tokens (clients never look inside).
using System.Text;
using System.Text.Json;
using Kinet.Api.Errors;

namespace Kinet.Api.Query;

public static class ContinueToken
{
    private sealed record Token(string k, long rv);

    public static string Encode(string lastKey, long revision) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Token(lastKey, revision)));

    public static (string LastKey, long Revision) Decode(string token)
    {
        try
        {
            var t = JsonSerializer.Deserialize<Token>(Convert.FromBase64String(token));
            if (t is null || t.k is null) throw new FormatException();
            return (t.k, t.rv);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw ApiException.BadRequest("continue key is not valid: illegal base64 data or malformed token: " + Encoding.UTF8.GetByteCount(token) + " bytes");
        }
    }
}
