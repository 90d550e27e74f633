// Just enough of resource.Quantity to compare requests with limits and spot negatives.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kinet.Api.Validation;

internal static partial class Quantity
{
    [GeneratedRegex(@"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)\z")] private static partial Regex Form();

    /// <summary>The value of a quantity string ("500m", "1Gi", "1e3"); null when it does not parse or is out of range.</summary>
    public static decimal? Parse(string s)
    {
        var m = Form().Match(s);
        if (!m.Success || !decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            return null;
        var suffix = m.Groups[2].Value;
        decimal? mult = suffix switch
        {
            "" => 1m, "n" => 1e-9m, "u" => 1e-6m, "m" => 1e-3m, "k" => 1e3m, "M" => 1e6m, "G" => 1e9m, "T" => 1e12m, "P" => 1e15m, "E" => 1e18m,
            "Ki" => 1024m, "Mi" => 1048576m, "Gi" => 1073741824m, "Ti" => 1099511627776m, "Pi" => 1125899906842624m, "Ei" => 1152921504606846976m,
            _ when suffix[0] is 'e' or 'E' && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp) && exp is > -28 and < 28
                => (decimal)Math.Pow(10, exp),
            _ => null,
        };
        try { return mult is null ? null : n * mult.Value; }
        catch (OverflowException) { return null; }
    }
}
