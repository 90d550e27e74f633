// Query parameters of the connect subresources, converted the way apiserver's parameter codec does (Go's strconv rules).
using Kinet.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Streams;

internal static class QueryValues
{
    public static bool Bool(IQueryCollection q, string key)
    {
        if (!q.TryGetValue(key, out var v) || v.Count == 0) return false;
        return v[0] switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" or "" => false,
            var s => throw ApiException.BadRequest($"strconv.ParseBool: parsing \"{s}\": invalid syntax"),
        };
    }

    public static long? Int(IQueryCollection q, string key)
    {
        if (!q.TryGetValue(key, out var v) || v.Count == 0 || string.IsNullOrEmpty(v[0])) return null;
        if (long.TryParse(v[0], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        throw ApiException.BadRequest($"strconv.ParseInt: parsing \"{v[0]}\": invalid syntax");
    }

    public static IReadOnlyList<string> All(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var v) ? v.Where(s => s is not null).Select(s => s!).ToArray() : [];
}
