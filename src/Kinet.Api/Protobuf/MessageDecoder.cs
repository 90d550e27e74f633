// Decodes gogo-protobuf message bytes into the JSON object Go's encoding/json would write for the decoded struct, driven by the table.
using System.Text.Json.Nodes;
using Kinet.Api.Protobuf.Schema;

namespace Kinet.Api.Protobuf;

internal static class MessageDecoder
{
    /// <summary>Decodes `data` as `message` into `target` (merging, as proto does when a message field repeats).</summary>
    public static void DecodeInto(ReadOnlySpan<byte> data, MessageDescriptor message, JsonObject target)
    {
        var r = new ProtoReader(data);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag(message.GoTypeName);
            var field = message.Find(number);
            if (field is null)
            {
                r.Skip(wire);
                continue;
            }
            if (field.IsMap)
            {
                if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, field.GoFieldName);
                DecodeMapEntry(r.ReadLengthDelimited(), field, target);
            }
            else if (field.IsRepeated && wire == WireType.LengthDelimited && field.ValueWireType == WireType.Varint)
            {
                // A packed list of varints: gogo's unmarshalers accept it as well as one tag per element.
                var packed = new ProtoReader(r.ReadLengthDelimited());
                while (!packed.End) Append(target, field, Scalar(field, packed.ReadVarint()));
            }
            else
            {
                if (wire != field.ValueWireType) throw ProtoFormatException.WrongWireType(wire, field.GoFieldName);
                DecodeValue(ref r, field, target);
            }
        }
    }

    private static void DecodeValue(ref ProtoReader r, FieldDescriptor field, JsonObject target)
    {
        if (field.ValueWireType == WireType.Varint)
        {
            var value = Scalar(field, r.ReadVarint());
            if (field.IsRepeated) Append(target, field, value);
            else SetScalar(target, field, value, IsZero(value));
            return;
        }
        var bytes = r.ReadLengthDelimited();
        switch (field.Type)
        {
            case FieldType.Str:
            case FieldType.Bytes:
                var text = field.Type == FieldType.Str ? WellKnownValues.Utf8(bytes) : Convert.ToBase64String(bytes);
                if (field.IsRepeated) Append(target, field, JsonValue.Create(text));
                else SetScalar(target, field, JsonValue.Create(text), text.Length == 0);
                break;
            case FieldType.Message when field.IsInline:
                DecodeInto(bytes, MessageTable.Get(field.Message!), target);
                break;
            case FieldType.Message when field.IsRepeated:
                var element = new JsonObject();
                DecodeInto(bytes, MessageTable.Get(field.Message!), element);
                Append(target, field, element);
                break;
            case FieldType.Message:
                if (target[field.JsonName] is not JsonObject existing)
                {
                    existing = new JsonObject();
                    target[field.JsonName] = existing;
                }
                DecodeInto(bytes, MessageTable.Get(field.Message!), existing);
                break;
            default:
                // Self-marshalling types are structs in Go: written even when zero (Time as null), never omitted.
                var node = SelfMarshalling(field, bytes);
                if (field.IsRepeated) Append(target, field, node);
                else target[field.JsonName] = node;
                break;
        }
    }

    // A map entry message {1: key, 2: value}; a missing key or value is the zero value, as gogo decodes it.
    private static void DecodeMapEntry(ReadOnlySpan<byte> entry, FieldDescriptor field, JsonObject target)
    {
        var key = "";
        JsonNode? value = null;
        var valueSeen = false;
        var r = new ProtoReader(entry);
        while (!r.End)
        {
            var (number, wire) = r.ReadTag(field.GoFieldName + "Entry");
            if (number == 1)
            {
                if (wire != WireType.LengthDelimited) throw ProtoFormatException.WrongWireType(wire, "key");
                key = WellKnownValues.Utf8(r.ReadLengthDelimited());
            }
            else if (number == 2)
            {
                if (wire != field.ValueWireType) throw ProtoFormatException.WrongWireType(wire, "value");
                value = field.ValueWireType == WireType.Varint ? Scalar(field, r.ReadVarint()) : MapValue(field, r.ReadLengthDelimited());
                valueSeen = true;
            }
            else
            {
                r.Skip(wire);
            }
        }
        if (!valueSeen) value = MapValue(field, ReadOnlySpan<byte>.Empty);
        if (target[field.JsonName] is not JsonObject map)
        {
            map = new JsonObject();
            target[field.JsonName] = map;
        }
        map[key] = value;
    }

    private static JsonNode? MapValue(FieldDescriptor field, ReadOnlySpan<byte> bytes)
    {
        switch (field.Type)
        {
            case FieldType.Str: return JsonValue.Create(WellKnownValues.Utf8(bytes));
            case FieldType.Bytes: return JsonValue.Create(Convert.ToBase64String(bytes));
            case FieldType.Message:
                var obj = new JsonObject();
                DecodeInto(bytes, MessageTable.Get(field.Message!), obj);
                return obj;
            default: return SelfMarshalling(field, bytes);
        }
    }

    private static JsonNode? SelfMarshalling(FieldDescriptor field, ReadOnlySpan<byte> bytes) => field.Type switch
    {
        FieldType.Time => WellKnownValues.Time(bytes),
        FieldType.MicroTime => WellKnownValues.MicroTime(bytes),
        FieldType.Duration => WellKnownValues.Duration(bytes),
        FieldType.Quantity => WellKnownValues.Quantity(bytes),
        FieldType.IntOrString => WellKnownValues.IntOrString(bytes),
        FieldType.RawExtension => WellKnownValues.EmbeddedJson(bytes, "RawExtension", "Raw"),
        FieldType.FieldsV1 => WellKnownValues.EmbeddedJson(bytes, "FieldsV1", "Raw"),
        _ => throw new InvalidOperationException($"field {field.JsonName} of type {field.Type} is not self-marshalling"),
    };

    // Go truncates a varint to the field's width (int32(v), int64(v), v != 0).
    private static JsonValue Scalar(FieldDescriptor field, ulong varint) => field.Type switch
    {
        FieldType.Bool => JsonValue.Create(varint != 0),
        FieldType.I32 => JsonValue.Create(unchecked((int)varint)),
        FieldType.I64 => JsonValue.Create(unchecked((long)varint)),
        _ => throw new InvalidOperationException($"field {field.JsonName} of type {field.Type} is not a varint"),
    };

    private static bool IsZero(JsonValue value) =>
        (value.TryGetValue(out bool b) && !b) || (value.TryGetValue(out int i) && i == 0) || (value.TryGetValue(out long l) && l == 0);

    // A set scalar overwrites an earlier occurrence; a zero one that Go would omit removes it.
    private static void SetScalar(JsonObject target, FieldDescriptor field, JsonValue value, bool zero)
    {
        if (zero && !field.KeepsZero) target.Remove(field.JsonName);
        else target[field.JsonName] = value;
    }

    private static void Append(JsonObject target, FieldDescriptor field, JsonNode? element)
    {
        if (target[field.JsonName] is not JsonArray list)
        {
            list = new JsonArray();
            target[field.JsonName] = list;
        }
        list.Add(element);
    }
}
