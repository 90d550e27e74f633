// The resize message kubectl sends (remotecommand.TerminalSize as JSON: {"Width":100,"Height":30}).
using System.Text.Json;

namespace Kinet.Api.Streams;

internal static class TerminalSize
{
    public static bool TryParse(ReadOnlySpan<byte> json, out ushort width, out ushort height)
    {
        width = height = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            width = Get(root, "Width");
            height = Get(root, "Height");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ushort Get(JsonElement o, string name)
    {
        foreach (var p in o.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.TryGetUInt16(out var v)) return v;
        return 0;
    }
}
