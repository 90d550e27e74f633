// Decodes an `application/vnd.kubernetes.protobuf` request body into the JSON object kube-apiserver would have decoded.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Protobuf.Schema;

namespace Kinet.Api.Protobuf;

public static class ProtobufDecoder
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    /// <summary>Whether a request's Content-Type is the Kubernetes protobuf media type (parameters ignored, case-insensitive).</summary>
    public static bool IsProtobuf(string? contentType)
    {
        if (contentType is null) return false;
        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"k8s\0", the prefix of every Kubernetes protobuf body.</summary>
    private static ReadOnlySpan<byte> Magic => [0x6b, 0x38, 0x73, 0x00];

    /// <summary>
    /// Decodes a body: magic, then runtime.Unknown{typeMeta, raw}. The result carries `kind` and `apiVersion` from typeMeta.
    /// `defaultApiVersion`/`defaultKind` (the endpoint's) fill a typeMeta that leaves them empty, and name the expected
    /// kind in errors, as the apiserver's decoder does with the type it decodes into.
    /// </summary>
    /// <exception cref="ApiException">400 BadRequest for anything malformed or of a kind Kinet cannot decode.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body, string? defaultApiVersion = null, string? defaultKind = null)
    {
        try
        {
            return DecodeChecked(body, defaultApiVersion, defaultKind);
        }
        catch (ApiException)
        {
            throw;
        }
        catch (Exception e)
        {
            // Never let anything else out: a body is client input.
            throw Unrecognized(body, defaultKind, e.Message);
        }
    }

    private static JsonObject DecodeChecked(ReadOnlySpan<byte> body, string? defaultApiVersion, string? defaultKind)
    {
        if (body.IsEmpty) throw Unrecognized(body, defaultKind, "empty data");
        if (!body.StartsWith(Magic))
            throw Unrecognized(body, defaultKind, "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        if (body.Length == Magic.Length) throw Unrecognized(body, defaultKind, "empty body");

        Envelope envelope;
        try
        {
            envelope = Envelope.Parse(body[Magic.Length..]);
        }
        catch (ProtoFormatException e)
        {
            throw Unrecognized(body, defaultKind, e.Message);
        }

        // copyKindDefaults: an empty kind or version is taken from the type being decoded into.
        var kind = envelope.Kind.Length > 0 ? envelope.Kind : defaultKind ?? "";
        var apiVersion = envelope.ApiVersion;
        if (!HasVersion(apiVersion) && defaultApiVersion is not null && HasVersion(defaultApiVersion)) apiVersion = defaultApiVersion;
        var typeMeta = $"runtime.TypeMeta{{APIVersion:\"{envelope.ApiVersion}\", Kind:\"{envelope.Kind}\"}}";
        if (kind.Length == 0) throw Unrecognized(body, defaultKind, $"Object 'Kind' is missing in '{typeMeta}'");
        if (!HasVersion(apiVersion)) throw Unrecognized(body, defaultKind, $"Object 'apiVersion' is missing in '{typeMeta}'");

        var message = MessageTable.FindKind(apiVersion, kind)
            ?? throw CannotHandle(apiVersion, kind, defaultKind,
                $"no kind \"{kind}\" is registered for version \"{apiVersion}\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"");

        var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
        try
        {
            MessageDecoder.DecodeInto(envelope.Raw, message, result);
        }
        catch (ProtoFormatException e)
        {
            throw CannotHandle(apiVersion, kind, defaultKind, e.Message);
        }
        // Re-read as text so every value behaves exactly like a JSON body's (JsonValue.Create(5).GetValue<long>() throws;
        // a parsed 5 reads as int, long or double).
        return JsonNode.Parse(result.ToJsonString())!.AsObject();
    }

    // A group/version string has a version when the part after the last '/' is not empty ("apps/" has none).
    private static bool HasVersion(string apiVersion) => apiVersion.Length > 0 && !apiVersion.EndsWith('/');

    private static string VersionOf(string apiVersion) => apiVersion[(apiVersion.LastIndexOf('/') + 1)..];

    // transformDecodeError, when the body named a kind.
    private static ApiException CannotHandle(string apiVersion, string kind, string? into, string detail) =>
        ApiException.BadRequest($"{kind} in version \"{VersionOf(apiVersion)}\" cannot be handled as a {into ?? kind}: {detail}");

    // transformDecodeError, when it did not: the first 30 bytes, as text if they look like JSON, else as hex.
    private static ApiException Unrecognized(ReadOnlySpan<byte> body, string? into, string detail)
    {
        var head = body.Length > 30 ? body[..30] : body;
        var summary = body.IsEmpty ? "<empty>"
            : (body[0] == (byte)'{' ? System.Text.Encoding.UTF8.GetString(head) : Convert.ToHexStringLower(head)) + (body.Length > 30 ? " ..." : "");
        return ApiException.BadRequest($"the object provided is unrecognized ({into ?? "Object"}: {summary}): {detail}");
    }
}
