// The JSON writer settings of every response and stored object: like Go's encoding/json, no escaping of quotes or
// '+' inside strings beyond what JSON needs (managedFields keys read `k:{"name":"c"}` as upstream writes them).
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kinet.Api.Http;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
