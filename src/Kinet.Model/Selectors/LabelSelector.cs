// Label selectors as apimachinery's labels.Selector: parsed from the query-string syntax or from a
// metav1.LabelSelector, and matched against a label set. The one place Kinet decides "does this selector select that".
using System.Text.Json.Nodes;

namespace Kinet.Model.Selectors;

public enum SelectorOperator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan }

public sealed record Requirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var v);
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.In => has && Values.Contains(v!),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !has || !Values.Contains(v!),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            SelectorOperator.GreaterThan => has && long.TryParse(v, out var g) && g > long.Parse(Values[0]),
            SelectorOperator.LessThan => has && long.TryParse(v, out var l) && l < long.Parse(Values[0]),
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={Values[0]}",
        SelectorOperator.NotEquals => $"{Key}!={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.GreaterThan => $"{Key}>{Values[0]}",
        SelectorOperator.LessThan => $"{Key}<{Values[0]}",
        _ => Key,
    };
}

public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<Requirement> requirements, bool matchesNothing)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    public IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>A null metav1.LabelSelector selects nothing; an empty one selects everything.</summary>
    public bool MatchesNothing { get; }

    public bool IsEverything => !MatchesNothing && Requirements.Count == 0;

    public static LabelSelector Everything { get; } = new([], false);
    public static LabelSelector Nothing { get; } = new([], true);

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        !MatchesNothing && Requirements.All(r => r.Matches(labels));

    public bool Matches(JsonObject? labels) => Matches(LabelsOf(labels));

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Reads a JSON labels map (metadata.labels) into a dictionary; non-string values are skipped.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject? labels)
    {
        if (labels is null || labels.Count == 0) return EmptyLabels;
        var d = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var (k, v) in labels)
            if (v is JsonValue jv && jv.TryGetValue<string>(out var s)) d[k] = s;
        return d;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();

    /// <summary>A plain map selector (Service .spec.selector): every key must equal its value. Null or empty selects nothing when <paramref name="emptySelectsNothing"/>.</summary>
    public static LabelSelector FromMap(JsonObject? map, bool emptySelectsNothing = false)
    {
        if (map is null || map.Count == 0) return emptySelectsNothing ? Nothing : Everything;
        var reqs = new List<Requirement>();
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
            reqs.Add(new Requirement(k, SelectorOperator.Equals, [v?.GetValue<string>() ?? ""]));
        return new LabelSelector(reqs, false);
    }

    /// <summary>metav1.LabelSelector (matchLabels + matchExpressions). Throws FormatException on an invalid operator or values.</summary>
    public static LabelSelector FromLabelSelector(JsonObject? selector)
    {
        if (selector is null) return Nothing;
        var reqs = new List<Requirement>();
        if (selector["matchLabels"] is JsonObject ml)
            foreach (var (k, v) in ml)
                reqs.Add(new Requirement(k, SelectorOperator.Equals, [v?.GetValue<string>() ?? ""]));
        if (selector["matchExpressions"] is JsonArray exprs)
        {
            foreach (var e in exprs.OfType<JsonObject>())
            {
                var key = e["key"]?.GetValue<string>() ?? "";
                var op = e["operator"]?.GetValue<string>() ?? "";
                var values = (e["values"] as JsonArray)?.Select(x => x?.GetValue<string>() ?? "").ToArray() ?? [];
                var sop = op switch
                {
                    "In" => SelectorOperator.In,
                    "NotIn" => SelectorOperator.NotIn,
                    "Exists" => SelectorOperator.Exists,
                    "DoesNotExist" => SelectorOperator.DoesNotExist,
                    _ => throw new FormatException($"\"{op}\" is not a valid label selector operator"),
                };
                if (sop is SelectorOperator.In or SelectorOperator.NotIn && values.Length == 0)
                    throw new FormatException("for 'in', 'notin' operators, values set can't be empty");
                if (sop is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Length != 0)
                    throw new FormatException("values set must be empty for exists and does not exist");
                reqs.Add(new Requirement(key, sop, values));
            }
        }
        return new LabelSelector(reqs.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray(), false);
    }

    /// <summary>Parses the query-string syntax (`a=b,c!=d,e in (f,g),!h,i`), as labels.Parse does. Throws FormatException with apimachinery's wording.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        return new LabelSelector(new SelectorParser(text).ParseAll(), false);
    }
}
