// intstr.IntOrString as maxSurge/maxUnavailable use it: an absolute count or "N%" of the desired replicas.
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Model.Workloads;

public readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    public static IntOrPercent Parse(JsonNode? node, IntOrPercent fallback)
    {
        if (node is not JsonValue v) return fallback;
        if (v.TryGetValue<int>(out var i)) return new(i, false);
        if (v.TryGetValue<string>(out var s)) return Parse(s);
        return fallback;
    }

    /// <summary>Throws FormatException for a string that is not "N%", with intstr's wording.</summary>
    public static IntOrPercent Parse(string s)
    {
        if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            throw new FormatException($"invalid value for IntOrString: invalid type: string is not a percentage");
        return new(p, true);
    }

    /// <summary>The count for <paramref name="total"/> replicas: percentages rounded up or down (GetScaledValueFromIntOrPercent).</summary>
    public int Scaled(int total, bool roundUp)
    {
        if (!IsPercent) return Value;
        var exact = (long)Value * total;
        return (int)(roundUp ? (exact + 99) / 100 : exact / 100);
    }

    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(CultureInfo.InvariantCulture);

    public static readonly IntOrPercent TwentyFivePercent = new(25, true);
}
