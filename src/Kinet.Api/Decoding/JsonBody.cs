// Parses a JSON request body like Go's encoding/json: its syntax error texts ("invalid character 'x' looking for
// beginning of value", "unexpected end of JSON input"), the last of duplicate keys wins, and the strict paths of
// duplicate keys are collected for fieldValidation.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Api.Decoding;

public sealed record ParsedBody(JsonNode? Root, IReadOnlySet<string> DuplicateFields);

/// <summary>The body is not valid JSON; Message is Go's scanner error text.</summary>
public sealed class JsonSyntaxException(string message) : Exception(message);

public static class JsonBody
{
    public static ParsedBody Parse(ReadOnlySpan<byte> utf8) => new Parser(utf8.ToArray()).ParseDocument();

    public static ParsedBody Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private sealed class Parser(byte[] data)
    {
        private int pos;
        private readonly HashSet<string> duplicates = [];

        public ParsedBody ParseDocument()
        {
            SkipSpace();
            var root = Value("", "looking for beginning of value");
            SkipSpace();
            if (pos < data.Length) throw Invalid("after top-level value");
            // Reparsed so that every value is JsonElement-backed, like any parsed JSON.
            return new ParsedBody(root is null ? null : JsonNode.Parse(root.ToJsonString()), duplicates);
        }

        private JsonNode? Value(string path, string context)
        {
            if (pos >= data.Length) throw EndOfInput();
            switch (data[pos])
            {
                case (byte)'{': return Object(path);
                case (byte)'[': return Array(path);
                case (byte)'"': return JsonValue.Create(String());
                case (byte)'t': Literal("true"); return JsonValue.Create(true);
                case (byte)'f': Literal("false"); return JsonValue.Create(false);
                case (byte)'n': Literal("null"); return null;
                case (byte)'-' or >= (byte)'0' and <= (byte)'9': return Number();
                default: throw Invalid(context);
            }
        }

        private JsonObject Object(string path)
        {
            pos++;
            var obj = new JsonObject();
            SkipSpace();
            if (Peek() == '}')
            {
                pos++;
                return obj;
            }
            while (true)
            {
                SkipSpace();
                if (pos >= data.Length) throw EndOfInput();
                if (data[pos] != '"') throw Invalid("looking for beginning of object key string");
                var key = String();
                var keyPath = path.Length == 0 ? key : path + "." + key;
                SkipSpace();
                if (pos >= data.Length) throw EndOfInput();
                if (data[pos] != ':') throw Invalid("after object key");
                pos++;
                SkipSpace();
                var value = Value(keyPath, "looking for beginning of value");
                if (obj.ContainsKey(key)) duplicates.Add(keyPath);
                obj[key] = value;
                SkipSpace();
                if (pos >= data.Length) throw EndOfInput();
                if (data[pos] == ',')
                {
                    pos++;
                    continue;
                }
                if (data[pos] == '}')
                {
                    pos++;
                    return obj;
                }
                throw Invalid("after object key:value pair");
            }
        }

        private JsonArray Array(string path)
        {
            pos++;
            var arr = new JsonArray();
            SkipSpace();
            if (Peek() == ']')
            {
                pos++;
                return arr;
            }
            while (true)
            {
                SkipSpace();
                arr.Add(Value($"{path}[{arr.Count}]", "looking for beginning of value"));
                SkipSpace();
                if (pos >= data.Length) throw EndOfInput();
                if (data[pos] == ',')
                {
                    pos++;
                    continue;
                }
                if (data[pos] == ']')
                {
                    pos++;
                    return arr;
                }
                throw Invalid("after array element");
            }
        }

        private string String()
        {
            pos++;
            var bytes = new List<byte>();
            while (true)
            {
                if (pos >= data.Length) throw EndOfInput();
                var c = data[pos];
                if (c == '"')
                {
                    pos++;
                    return Encoding.UTF8.GetString(bytes.ToArray());
                }
                if (c < 0x20) throw Invalid("in string literal");
                if (c != '\\')
                {
                    bytes.Add(c);
                    pos++;
                    continue;
                }
                pos++;
                if (pos >= data.Length) throw EndOfInput();
                var e = data[pos];
                string? simple = e switch
                {
                    (byte)'"' => "\"", (byte)'\\' => "\\", (byte)'/' => "/", (byte)'b' => "\b",
                    (byte)'f' => "\f", (byte)'n' => "\n", (byte)'r' => "\r", (byte)'t' => "\t", _ => null,
                };
                if (simple is not null)
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(simple));
                    pos++;
                    continue;
                }
                if (e != 'u') throw Invalid("in string escape code");
                pos++;
                var unit = Hex4();
                if (char.IsHighSurrogate((char)unit) && pos + 1 < data.Length && data[pos] == '\\' && data[pos + 1] == 'u')
                {
                    var save = pos;
                    pos += 2;
                    var low = Hex4();
                    if (char.IsLowSurrogate((char)low))
                    {
                        bytes.AddRange(Encoding.UTF8.GetBytes(new string([(char)unit, (char)low])));
                        continue;
                    }
                    pos = save;
                }
                bytes.AddRange(Encoding.UTF8.GetBytes(char.IsSurrogate((char)unit) ? "\uFFFD" : ((char)unit).ToString()));
            }
        }

        private int Hex4()
        {
            var v = 0;
            for (var i = 0; i < 4; i++)
            {
                if (pos >= data.Length) throw EndOfInput();
                var h = data[pos];
                var d = h is >= (byte)'0' and <= (byte)'9' ? h - '0' : h is >= (byte)'a' and <= (byte)'f' ? h - 'a' + 10 : h is >= (byte)'A' and <= (byte)'F' ? h - 'A' + 10 : -1;
                if (d < 0) throw Invalid("in \\u hexadecimal character escape");
                v = v * 16 + d;
                pos++;
            }
            return v;
        }

        private void Literal(string word)
        {
            for (var i = 0; i < word.Length; i++, pos++)
            {
                if (pos >= data.Length) throw EndOfInput();
                if (data[pos] != word[i]) throw Invalid($"in literal {word} (expecting {QuoteChar((byte)word[i])})");
            }
        }

        private JsonNode Number()
        {
            var start = pos;
            if (data[pos] == '-')
            {
                pos++;
                if (pos >= data.Length) throw EndOfInput();
                if (!IsDigit(data[pos])) throw Invalid("in numeric literal");
            }
            if (data[pos] == '0') pos++;
            else while (pos < data.Length && IsDigit(data[pos])) pos++;
            if (pos < data.Length && data[pos] == '.')
            {
                pos++;
                if (pos >= data.Length) throw EndOfInput();
                if (!IsDigit(data[pos])) throw Invalid("after decimal point in numeric literal");
                while (pos < data.Length && IsDigit(data[pos])) pos++;
            }
            if (pos < data.Length && data[pos] is (byte)'e' or (byte)'E')
            {
                pos++;
                if (pos < data.Length && data[pos] is (byte)'+' or (byte)'-') pos++;
                if (pos >= data.Length) throw EndOfInput();
                if (!IsDigit(data[pos])) throw Invalid("in exponent of numeric literal");
                while (pos < data.Length && IsDigit(data[pos])) pos++;
            }
            return JsonNode.Parse(data.AsSpan(start, pos - start))!;
        }

        private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

        private int Peek() => pos < data.Length ? data[pos] : -1;

        private void SkipSpace()
        {
            while (pos < data.Length && data[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') pos++;
        }

        private JsonSyntaxException Invalid(string context) => new($"invalid character {QuoteChar(data[pos])} {context}");

        private static JsonSyntaxException EndOfInput() => new("unexpected end of JSON input");

        // Go's quoteChar: the byte as a rune in single quotes, escaped like strconv.Quote.
        private static string QuoteChar(byte c) => c switch
        {
            (byte)'\'' => @"'\''",
            (byte)'"' => "'\"'",
            (byte)'\\' => @"'\\'",
            (byte)'\a' => @"'\a'", (byte)'\b' => @"'\b'", (byte)'\f' => @"'\f'", (byte)'\n' => @"'\n'",
            (byte)'\r' => @"'\r'", (byte)'\t' => @"'\t'", (byte)'\v' => @"'\v'",
            < 0x20 or 0x7f => $"'\\x{c:x2}'",
            < 0x80 => $"'{(char)c}'",
            < 0xa0 => $"'\\u{c:x4}'",
            _ => $"'{(char)c}'",
        };
    }
}
