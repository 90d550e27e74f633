// Values of the downward API (pkg/fieldpath, pkg/api/v1/resource): pod fields by path, labels and annotations as
// sorted key="value" lines, and container resources divided by a divisor and rounded up, unset limits read as the
// node's allocatable.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class DownwardApi
{
    /// <summary>fieldpath.ExtractFieldPathAsString: the metadata fields a volume may project (and env reads through it).</summary>
    public static string MetadataField(JsonObject pod, string fieldPath)
    {
        if (SplitSubscript(fieldPath) is var (path, key))
        {
            return path switch
            {
                "metadata.annotations" => Map(pod, "annotations").GetValueOrDefault(key, ""),
                "metadata.labels" => Map(pod, "labels").GetValueOrDefault(key, ""),
                _ => throw new FormatException($"fieldPath \"{fieldPath}\" does not support subscript"),
            };
        }
        return fieldPath switch
        {
            "metadata.annotations" => FormatMap(Map(pod, "annotations")),
            "metadata.labels" => FormatMap(Map(pod, "labels")),
            "metadata.name" => JsonRead.Str(pod, "metadata", "name") ?? "",
            "metadata.namespace" => JsonRead.Str(pod, "metadata", "namespace") ?? "",
            "metadata.uid" => JsonRead.Str(pod, "metadata", "uid") ?? "",
            _ => throw new FormatException($"unsupported fieldPath: {fieldPath}"),
        };
    }

    /// <summary>podFieldSelectorRuntimeValue: what env fieldRef reads, the pod's addresses from the sandbox.</summary>
    public static string EnvField(JsonObject pod, string fieldPath, PodPlanSettings settings) => fieldPath switch
    {
        "spec.nodeName" => JsonRead.Str(pod, "spec", "nodeName") ?? "",
        "spec.serviceAccountName" => JsonRead.Str(pod, "spec", "serviceAccountName") ?? "",
        "status.hostIP" => settings.HostIPs.FirstOrDefault() ?? "",
        "status.hostIPs" => string.Join(',', settings.HostIPs),
        "status.podIP" => settings.PodIPs.FirstOrDefault() ?? "",
        "status.podIPs" => string.Join(',', settings.PodIPs),
        _ => MetadataField(pod, fieldPath),
    };

    /// <summary>fieldpath.FormatMap: keys sorted, one key="value" per line (Go-quoted), no final newline.</summary>
    public static string FormatMap(IReadOnlyDictionary<string, string> map) =>
        string.Join('\n', map.Keys.Order(StringComparer.Ordinal).Select(k => k + "=" + GoQuote(map[k])));

    /// <summary>
    /// ExtractContainerResourceValue with the kubelet's defaulting: limits.cpu/memory/ephemeral-storage fall back to
    /// the node's allocatable when unset; cpu rounds up in divisor units of millicores, the others in whole units.
    /// </summary>
    public static string ResourceValue(JsonObject container, string resource, string? divisor, PodPlanSettings settings)
    {
        var dot = resource.IndexOf('.');
        if (dot < 0) throw new FormatException($"unsupported container resource : {resource}");
        var (kind, name) = (resource[..dot], resource[(dot + 1)..]);
        if (kind != "limits" && kind != "requests") throw new FormatException($"unsupported container resource : {resource}");
        if (name != "cpu" && name != "memory" && name != "ephemeral-storage" && !name.StartsWith("hugepages-", StringComparison.Ordinal))
        {
            throw new FormatException($"unsupported container resource : {resource}");
        }
        var text = JsonRead.Str(container, "resources", kind, name);
        // The API server defaults an unset request to the limit; a pod stored without that defaulting reads the same.
        if (text is null && kind == "requests") text = JsonRead.Str(container, "resources", "limits", name);
        if (text is null && kind == "limits" && !name.StartsWith("hugepages-", StringComparison.Ordinal))
        {
            text = settings.NodeAllocatable.GetValueOrDefault(name);
        }
        var value = text is null ? 0m : Quantity(text);
        var div = divisor is { Length: > 0 } d ? Quantity(d) : 1m;
        if (div == 0) div = 1m;
        if (name == "cpu")
        {
            var milli = Math.Ceiling(value * 1000);
            var divMilli = Math.Ceiling(div * 1000);
            return Text(Math.Ceiling(milli / divMilli));
        }
        return Text(Math.Ceiling(Math.Ceiling(value) / Math.Ceiling(div)));
    }

    private static decimal Quantity(string text) => new ResourceQuantity(text).ToDecimal();

    private static string Text(decimal d) => ((long)d).ToString(CultureInfo.InvariantCulture);

    private static (string Path, string Key)? SplitSubscript(string fieldPath)
    {
        var open = fieldPath.IndexOf("['", StringComparison.Ordinal);
        if (open < 0 || !fieldPath.EndsWith("']", StringComparison.Ordinal) || open + 4 > fieldPath.Length) return null;
        return (fieldPath[..open], fieldPath[(open + 2)..^2]);
    }

    private static Dictionary<string, string> Map(JsonObject pod, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonRead.At(pod, "metadata", field) is JsonObject o)
        {
            foreach (var (k, v) in o) result[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : "";
        }
        return result;
    }

    /// <summary>Go's strconv.Quote: printable characters as they are, \" \\ and the usual escapes, others as \x, \u or \U.</summary>
    public static string GoQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\a': sb.Append("\\a"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\v': sb.Append("\\v"); continue;
            }
            if (IsPrintable(rune)) sb.Append(rune.ToString());
            else if (c < 0x80) sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            else if (c < 0x10000) sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
        }
        return sb.Append('"').ToString();
    }

    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrintable(Rune r)
    {
        if (r.Value == ' ') return true;
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }
}
