// Strict reading of the config's YAML node tree, as kind decodes it (yaml.v3 with KnownFields): every problem is a
// ClusterConfigException naming the line and the field path.
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kinet.Model.Cluster;

internal static class ConfigYaml
{
    public static ClusterConfigException Error(YamlNode node, string message) =>
        new($"line {node.Start.Line}: {message}");

    public static YamlNode? LoadSingleDocument(string text, string what)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new ClusterConfigException($"{what} is not valid YAML: line {e.Start.Line}: {Reason(e)}"); }
        if (stream.Documents.Count > 1)
            throw new ClusterConfigException($"{what} must be one YAML document, found {stream.Documents.Count}");
        return stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
    }

    public static IReadOnlyList<YamlNode> LoadDocuments(string text, string what)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new ClusterConfigException($"{what} is not valid YAML: line {e.Start.Line}: {Reason(e)}"); }
        return stream.Documents.Select(d => d.RootNode).Where(n => !IsNull(n)).ToList();
    }

    private static string Reason(YamlException e)
    {
        var m = e.Message;
        var i = m.IndexOf("): ", StringComparison.Ordinal);
        m = i >= 0 ? m[(i + 3)..] : m;
        // yaml.v3's wording, which kind users see for the same mistake.
        return m.StartsWith("Duplicate key ", StringComparison.Ordinal) ? $"mapping key \"{m["Duplicate key ".Length..]}\" already defined" : m;
    }

    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static YamlMappingNode Mapping(YamlNode node, string path) =>
        node as YamlMappingNode ?? throw Error(node, $"{path}: must be a mapping");

    public static YamlSequenceNode Sequence(YamlNode node, string path) =>
        node as YamlSequenceNode ?? throw Error(node, $"{path}: must be a list");

    /// <summary>The entries of a mapping with their keys as strings (non-scalar keys are errors).</summary>
    public static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode map, string path)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key }) throw Error(k, $"{path}: keys must be strings");
            yield return (key, v);
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>A scalar's text (yaml.v3 decodes any scalar into a string field as written); null stays null.</summary>
    public static string? String(YamlNode node, string path) => IsNull(node) ? null
        : node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, $"{path}: must be a string");

    public static bool Bool(YamlNode node, string path)
    {
        if (IsNull(node)) return false;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v })
        {
            switch (v)
            {
                case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y": return true;
                case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N": return false;
            }
        }
        throw Error(node, $"{path}: must be true or false, not {Show(node)}");
    }

    public static long Int(YamlNode node, string path)
    {
        if (IsNull(node)) return 0;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v }
            && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            return n;
        throw Error(node, $"{path}: must be an integer, not {Show(node)}");
    }

    /// <summary>A map of strings (labels); null values read as "" as yaml.v3 gives them.</summary>
    public static Dictionary<string, string> StringMap(YamlNode node, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsNull(node)) return result;
        foreach (var (k, v) in Entries(Mapping(node, path), path))
            result[k] = String(v, $"{path}.{k}") ?? "";
        return result;
    }

    /// <summary>Whether a value is worth a warning: present and not empty.</summary>
    public static bool HasContent(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.Count > 0,
        YamlSequenceNode s => s.Children.Count > 0,
        _ => !IsNull(node),
    };

    public static string Show(YamlNode node) => node switch
    {
        YamlScalarNode s => $"\"{s.Value}\"",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "a value",
    };
}
