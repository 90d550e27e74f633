// JSON for the apimachinery types that marshal themselves (Time, MicroTime, Duration, Quantity, IntOrString, RawExtension, FieldsV1).
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Api.Protobuf;

internal static class WellKnownValues
{
    // time.Time{}.Unix(): the Go zero time, which metav1.Time/MicroTime marshal as null.
    private const long GoZeroTimeUnixSeconds = -62135596800;

    /// <summary>meta/v1 Time: RFC 3339 in UTC to the second. apimachinery drops nanos when unmarshalling protobuf.</summary>
    public static JsonNode? Time(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return null;
        var (seconds, _) = Timestamp(data);
        if (seconds == GoZeroTimeUnixSeconds) return null;
        return JsonValue.Create(ToUtc(seconds, 0).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>meta/v1 MicroTime: RFC 3339 in UTC with exactly six fractional digits (Go's RFC3339Micro).</summary>
    public static JsonNode? MicroTime(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return null;
        var (seconds, nanos) = Timestamp(data);
        if (seconds == GoZeroTimeUnixSeconds && nanos == 0) return null;
        return JsonValue.Create(ToUtc(seconds, nanos).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>meta/v1 Duration {1: nanoseconds} as Go's Duration.String().</summary>
    public static JsonNode Duration(ReadOnlySpan<byte> data)
    {
        long nanos = 0;
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag("Duration");
            if (number == 1) nanos = unchecked((long)ReadVarintField(ref r, wire, "Duration"));
            else r.Skip(wire);
        }
        return JsonValue.Create(GoDuration.Format(nanos));
    }

    /// <summary>api/resource Quantity {1: string}. An absent string is the zero Quantity ("0"); an empty one fails ParseQuantity.</summary>
    public static JsonNode Quantity(ReadOnlySpan<byte> data)
    {
        string? value = null;
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag("Quantity");
            if (number != 1) { r.Skip(wire); continue; }
            if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, "String_");
            value = Utf8(r.ReadLengthDelimited());
            if (value.Length == 0)
                throw new ProtoFormatException("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        }
        return JsonValue.Create(value ?? "0");
    }

    /// <summary>util/intstr IntOrString {1: type, 2: intVal, 3: strVal}: a JSON number for type 0, a string for type 1.</summary>
    public static JsonNode IntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0;
        var intVal = 0;
        var strVal = "";
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag("IntOrString");
            switch (number)
            {
                case 1: type = unchecked((long)ReadVarintField(ref r, wire, "Type")); break;
                case 2: intVal = unchecked((int)ReadVarintField(ref r, wire, "IntVal")); break;
                case 3:
                    if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, "StrVal");
                    strVal = Utf8(r.ReadLengthDelimited());
                    break;
                default: r.Skip(wire); break;
            }
        }
        return type switch
        {
            0 => JsonValue.Create(intVal),
            1 => JsonValue.Create(strVal),
            _ => throw new ProtoFormatException("impossible IntOrString.Type"),
        };
    }

    /// <summary>runtime RawExtension {1: raw} and meta/v1 FieldsV1 {1: Raw}: the bytes are JSON; none is null.</summary>
    public static JsonNode? EmbeddedJson(ReadOnlySpan<byte> data, string message, string goField)
    {
        ReadOnlySpan<byte> raw = default;
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag(message);
            if (number != 1) { r.Skip(wire); continue; }
            if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, goField);
            raw = r.ReadLengthDelimited();
        }
        if (raw.IsEmpty) return null;
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new ProtoFormatException($"{message} is not valid JSON: {e.Message}");
        }
    }

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public static ulong ReadVarintField(ref ProtoReader r, WireType wire, string goField) =>
        wire == WireType.Varint ? r.ReadVarint() : throw ProtoFormatException.WrongWireType(wire, goField);

    // meta/v1 Timestamp {1: seconds, 2: nanos}, which Time and MicroTime unmarshal through.
    private static (long Seconds, int Nanos) Timestamp(ReadOnlySpan<byte> data)
    {
        long seconds = 0;
        var nanos = 0;
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag("Timestamp");
            switch (number)
            {
                case 1: seconds = unchecked((long)ReadVarintField(ref r, wire, "Seconds")); break;
                case 2: nanos = unchecked((int)ReadVarintField(ref r, wire, "Nanos")); break;
                default: r.Skip(wire); break;
            }
        }
        return (seconds, nanos);
    }

    private static DateTime ToUtc(long seconds, int nanos)
    {
        // Go's time.Unix normalises nanos outside [0, 1e9); DateTime covers years 1..9999, Kubernetes timestamps fit easily.
        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() + 1 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 1)
            throw new ProtoFormatException($"timestamp {seconds} is outside the years 1 to 9999");
        return DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(nanos / 100);
    }
}
