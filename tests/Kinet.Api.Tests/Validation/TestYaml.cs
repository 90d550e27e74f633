// Test helper: YAML manifests to the JsonObject the API server works on, typing plain scalars as YAML 1.2 / kubectl do
// (unquoted 80 is a number, "80" a string, true a bool, null a null).
using System.Globalization;
using System.Text.Json.Nodes;
using Kinet.Api.Resources;
using YamlDotNet.RepresentationModel;

namespace Kinet.Api.Tests.Validation;

internal static class TestYaml
{
    public static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (JsonObject)Convert(stream.Documents[0].RootNode)!;
    }

    /// <summary>All documents of a multi-document manifest.</summary>
    public static List<JsonObject> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => (JsonObject)Convert(d.RootNode)!).ToList();
    }

    public static ResourceInfo ResourceOf(JsonObject obj) =>
        ResourceRegistry.FindByKind((string)obj["apiVersion"]!, (string)obj["kind"]!) ?? throw new ArgumentException("unknown kind " + obj["kind"]);

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p => Plain(p.Value ?? ""),
        YamlScalarNode q => JsonValue.Create(q.Value ?? ""),
        _ => null,
    };

    private static JsonNode? Plain(string v)
    {
        if (v is "null" or "~" or "") return null;
        if (v is "true" or "false") return JsonValue.Create(v == "true");
        // Numbers are JsonElement-backed, as in a body parsed from HTTP, so they read as any numeric type.
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return JsonValue.Create(System.Text.Json.JsonDocument.Parse(v).RootElement)!;
        return JsonValue.Create(v);
    }
}
