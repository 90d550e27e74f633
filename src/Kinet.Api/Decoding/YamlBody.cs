// application/yaml request bodies to JSON, as sigs.k8s.io/yaml's YAMLToJSON does: YAML 1.1 scalar resolution
// (unquoted yes/no/on/off are booleans, 0777 is octal), non-string keys become strings, the last duplicate key wins.
using System.Globalization;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kinet.Api.Decoding;

public static class YamlBody
{
    /// <summary>Converts the first YAML document; malformed YAML is a 400 BadRequest "yaml: line N: ...".</summary>
    public static JsonNode? ToJson(string yaml)
    {
        try
        {
            return Convert(yaml, out _);
        }
        catch (YamlSyntaxException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }

    /// <summary>As <see cref="ToJson"/>, also returning upstream's strict-mode complaints about duplicate keys.</summary>
    internal static JsonNode? Convert(string yaml, out IReadOnlyList<string> duplicateKeyErrors)
    {
        var dups = new List<string>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                duplicateKeyErrors = dups;
                return null;
            }
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, JsonNode?>();
            var root = Node(parser, anchors, dups);
            duplicateKeyErrors = dups;
            // Reparsed so that every value is JsonElement-backed, like any parsed JSON ((int)node works on numbers).
            return root is null ? null : JsonNode.Parse(root.ToJsonString());
        }
        catch (YamlException e)
        {
            throw new YamlSyntaxException($"yaml: line {e.Start.Line}: {Lower(e.Message)}");
        }
    }

    private static string Lower(string m)
    {
        var text = m.Contains("): ", StringComparison.Ordinal) ? m[(m.IndexOf("): ", StringComparison.Ordinal) + 3)..] : m;
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static JsonNode? Node(IParser parser, Dictionary<string, JsonNode?> anchors, List<string> dups)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
            return anchors.TryGetValue(alias.Value.Value, out var target) ? target?.DeepClone() : throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value}' referenced");
        JsonNode? result;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            result = ScalarValue(scalar);
        }
        else if (parser.TryConsume<SequenceStart>(out var seq))
        {
            anchor = seq.Anchor.IsEmpty ? null : seq.Anchor.Value;
            var arr = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) arr.Add(Node(parser, anchors, dups));
            result = arr;
        }
        else
        {
            var map = parser.Consume<MappingStart>();
            anchor = map.Anchor.IsEmpty ? null : map.Anchor.Value;
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!.Start;
                var key = Node(parser, anchors, dups);
                var keyText = key switch
                {
                    null => "null",
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    _ => key.ToJsonString(),
                };
                var value = Node(parser, anchors, dups);
                if (obj.ContainsKey(keyText)) dups.Add($"line {keyStart.Line}: key {GoScalars.Quote(keyText)} already set in map");
                obj[keyText] = value;
            }
            result = obj;
        }
        if (anchor is not null) anchors[anchor] = result?.DeepClone();
        return result;
    }

    private static JsonNode? ScalarValue(Scalar s)
    {
        var v = s.Value;
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded || s.Tag is { IsEmpty: false, IsNonSpecific: false, Value: "tag:yaml.org,2002:str" })
            return JsonValue.Create(v);
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON": return JsonValue.Create(true);
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF": return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                // JSON cannot carry these; YAMLToJSON fails the same way ("json: unsupported value").
                throw new YamlSyntaxException($"json: unsupported value: {v}");
        }
        var plain = v.Replace("_", "");
        if (plain.Length > 0 && Integer(plain) is { } n) return JsonValue.Create(n);
        if (FloatPattern.IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    private static readonly System.Text.RegularExpressions.Regex FloatPattern =
        new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static long? Integer(string s)
    {
        var sign = 1;
        if (s[0] is '+' or '-')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }
        if (s.Length == 0) return null;
        try
        {
            if (s.StartsWith("0x", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(char.IsAsciiHexDigit))
                return sign * System.Convert.ToInt64(s[2..], 16);
            if (s.StartsWith("0b", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(c => c is '0' or '1'))
                return sign * System.Convert.ToInt64(s[2..], 2);
            if (s.Length > 1 && s[0] == '0' && s.All(c => c is >= '0' and <= '7'))
                return sign * System.Convert.ToInt64(s, 8);
            if (s.All(char.IsAsciiDigit) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return sign * n;
        }
        catch (OverflowException)
        {
        }
        return null;
    }
}

/// <summary>The body is not valid YAML; Message is upstream-style ("yaml: line 3: ...").</summary>
public sealed class YamlSyntaxException(string message) : Exception(message);
