// Test helpers: field paths written the way upstream prints them are too awkward to build by hand, so tests spell
// them as dotted steps: "spec.containers.k:{\"name\":\"c\"}.image" (a step with a FieldsV1 prefix is parsed as one).
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Patching.Apply;

namespace Kinet.Api.Tests.Patching.Apply;

internal static class Paths
{
    public static PathElement[] P(params string[] steps) =>
        steps.Select(s => s.Length > 1 && s[1] == ':' ? PathElement.Parse(s)! : PathElement.Field(s)).ToArray();

    public static FieldSet Set(params PathElement[][] paths) => FieldSet.Of(paths);

    /// <summary>JSON written with single quotes, for readable literals.</summary>
    public static JsonObject J(string json) => JsonNode.Parse(json.Replace('\'', '"'))!.AsObject();

    // The default encoder writes a quote inside a property name as \u0022; kube-apiserver writes \".
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A long expected JSON text written over several lines: line breaks and their indentation are removed.</summary>
    public static string Lines(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s*\n\s*", "");

    public static string Compact(JsonNode? n) => n?.ToJsonString(Relaxed) ?? "null";
}
