// The whole decode of a create/update request body: JSON or YAML text to a checked, pruned JsonObject, with the
// BadRequest texts kube-apiserver's handlers give (rest.go transformDecodeError) when the body cannot be read at all.
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;
using Kinet.Api.Schema;

namespace Kinet.Api.Decoding;

public static class BodyDecoder
{
    /// <summary>
    /// Decodes body (contentType "application/json" or "application/yaml") into an object of r's kind. Throws 400 for
    /// unreadable bodies, wrong types and (Strict) unknown or duplicate fields; returns the object and the warnings.
    /// </summary>
    public static (JsonObject Object, DecodeResult Result) Decode(ResourceInfo r, ReadOnlySpan<byte> body, string contentType, FieldValidation mode) =>
        Decode(r, ApiSchema.For(r), body, contentType, mode);

    public static (JsonObject Object, DecodeResult Result) Decode(ResourceInfo r, StructNode root, ReadOnlySpan<byte> body, string contentType, FieldValidation mode)
    {
        var yaml = contentType.StartsWith("application/yaml", StringComparison.OrdinalIgnoreCase);
        JsonNode? node;
        IReadOnlySet<string> duplicates = new HashSet<string>();
        IReadOnlyList<string> yamlDuplicates = [];
        try
        {
            if (yaml)
            {
                node = YamlBody.Convert(Encoding.UTF8.GetString(body), out yamlDuplicates);
            }
            else
            {
                var parsed = JsonBody.Parse(body);
                (node, duplicates) = (parsed.Root, parsed.DuplicateFields);
            }
        }
        catch (JsonSyntaxException e)
        {
            throw Unrecognized(root, $"couldn't get version/kind; json parse error: {e.Message}", body);
        }
        catch (YamlSyntaxException e)
        {
            throw Unrecognized(root, e.Message, body);
        }
        if (node is not JsonObject obj)
            throw Unrecognized(root, $"couldn't get version/kind; json parse error: json: cannot unmarshal {Describe(node)} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}", body);
        var result = StrictDecoder.Check(r, root, obj, yamlDuplicates.Count == 0 || mode != FieldValidation.Strict ? mode : FieldValidation.Strict, duplicates);
        if (yamlDuplicates.Count > 0)
        {
            // YAML duplicate keys are found before JSON decoding and lead the strict errors (serializer/json unmarshal).
            var yamlError = "yaml: unmarshal errors:\n  " + string.Join("\n  ", yamlDuplicates);
            if (mode == FieldValidation.Strict)
                throw ApiException.BadRequest($"{KindOf(obj, root)} in version \"{VersionOf(r, obj)}\" cannot be handled as a {root.Name}: strict decoding error: {yamlError}");
            if (mode == FieldValidation.Warn) result = new DecodeResult([.. yamlDuplicates, .. result.Warnings]);
        }
        return (obj, result);
    }

    private static string Describe(JsonNode? n) => n switch
    {
        null => "null",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "bool",
        },
        _ => "object",
    };

    private static string KindOf(JsonObject obj, StructNode root) =>
        obj["kind"] is JsonValue k && k.TryGetValue<string>(out var s) && s.Length > 0 ? s : root.Name;

    private static string VersionOf(ResourceInfo r, JsonObject obj) =>
        obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? (s.Contains('/') ? s[(s.IndexOf('/') + 1)..] : s) : r.Version;

    private static ApiException Unrecognized(StructNode root, string error, ReadOnlySpan<byte> body) =>
        ApiException.BadRequest($"the object provided is unrecognized (must be of type {root.Name}): {error} ({Summary(body)})");

    // summarizeData: up to 30 bytes, as text when it looks like JSON, otherwise hex.
    private static string Summary(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0) return "<empty>";
        var cut = body.Length > 30 ? body[..30] : body;
        var text = body[0] == (byte)'{' ? Encoding.UTF8.GetString(cut) : Convert.ToHexStringLower(cut);
        return body.Length > 30 ? text + " ..." : text;
    }
}
