// Writes JSON responses, Status errors and Warning headers the way kubectl expects them.
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Http;

public static class ResponseWriter
{
    public static Task WriteJsonAsync(HttpContext http, int status, JsonNode body, string contentType = MediaTypes.Json) =>
        WriteBytesAsync(http, status, JsonSerializer.SerializeToUtf8Bytes(body, Json.Options), contentType);

    public static async Task WriteBytesAsync(HttpContext http, int status, ReadOnlyMemory<byte> body, string contentType = MediaTypes.Json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext http, ApiException e) =>
        WriteJsonAsync(http, e.Code, e.ToStatus());

    /// <summary>`Warning: 299 - "text"`, which kubectl prints as `Warning: text`.</summary>
    public static void AddWarnings(HttpContext http, IEnumerable<string> warnings)
    {
        foreach (var w in warnings)
            http.Response.Headers.Append("Warning", "299 - \"" + w.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
    }

    public static JsonObject SuccessStatus(JsonObject? details = null)
    {
        var s = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
        if (details is not null) s["details"] = details;
        return s;
    }
}
