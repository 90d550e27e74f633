// The query parameters of list and watch requests (metav1.ListOptions), parsed and checked once.
using Kinet.Api.Errors;
using Kinet.Api.Resources;
using Kinet.Model.Selectors;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Query;

public sealed record ListOptions
{
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;
    public FieldSelector Fields { get; init; } = FieldSelector.Everything;
    public bool Watch { get; init; }
    public string? ResourceVersion { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int Limit { get; init; }
    public string? Continue { get; init; }
    public bool AllowWatchBookmarks { get; init; }
    public bool SendInitialEvents { get; init; }

    public static ListOptions Parse(IQueryCollection q, ResourceInfo r)
    {
        LabelSelector labels;
        try { labels = LabelSelector.Parse(q["labelSelector"]); }
        catch (FormatException e) { throw ApiException.BadRequest(e.Message); }
        return new ListOptions
        {
            Labels = labels,
            Fields = FieldSelector.Parse(q["fieldSelector"], r),
            Watch = IsTrue(q["watch"]),
            ResourceVersion = Nullify(q["resourceVersion"]),
            TimeoutSeconds = Int(q, "timeoutSeconds"),
            Limit = Int(q, "limit") is int l && l > 0 ? l : 0,
            Continue = Nullify(q["continue"]),
            AllowWatchBookmarks = IsTrue(q["allowWatchBookmarks"]),
            SendInitialEvents = IsTrue(q["sendInitialEvents"]),
        };
    }

    public static bool IsTrue(string? v) => v is "true" or "1" or "True";

    private static string? Nullify(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static int? Int(IQueryCollection q, string key)
    {
        var s = q[key].ToString();
        if (s.Length == 0) return null;
        if (!int.TryParse(s, out var v)) throw ApiException.BadRequest($"invalid {key}: \"{s}\"");
        return v;
    }
}
