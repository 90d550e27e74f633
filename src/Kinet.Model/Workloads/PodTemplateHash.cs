// The pod-template-hash label value of a Deployment's pod template (controller.ComputeHash). Upstream FNV-32a-hashes a
// spew dump of the Go struct; we hash a canonical JSON of the template (keys sorted, recursively) instead, so the value
// differs from Go's for the same template but has the same form: the decimal of the 32-bit hash, safe-encoded
// (e.g. "6f4d85b5c9"). Stable across runs and restarts, which is all the controller needs.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    public static string Compute(JsonObject? template, int? collisionCount = null)
    {
        var hash = Fnv1a32.Offset;
        hash = Fnv1a32.Add(hash, Encoding.UTF8.GetBytes(Canonical(template)));
        if (collisionCount is { } c)
        {
            // As upstream: the count as a little-endian uint32 in an 8-byte buffer.
            var bytes = new byte[8];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), (uint)c);
            if (!BitConverter.IsLittleEndian) Array.Reverse(bytes, 0, 4);
            hash = Fnv1a32.Add(hash, bytes);
        }
        return SafeEncoding.Encode(hash.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>JSON with object keys sorted ordinally at every level; arrays keep their order.</summary>
    public static string Canonical(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) Write(w, node);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter w, JsonNode? node)
    {
        switch (node)
        {
            case null: w.WriteNullValue(); break;
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k);
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var v in a) Write(w, v);
                w.WriteEndArray();
                break;
            default: node.WriteTo(w); break;
        }
    }
}

internal static class Fnv1a32
{
    public const uint Offset = 2166136261;
    private const uint Prime = 16777619;

    public static uint Add(uint hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) hash = (hash ^ b) * Prime;
        return hash;
    }
}
