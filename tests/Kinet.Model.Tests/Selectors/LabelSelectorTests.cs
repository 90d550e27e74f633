// Label selector parsing and matching, table-driven against apimachinery's documented behaviour.
using Kinet.Model.Selectors;

namespace Kinet.Model.Tests.Selectors;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Postgres = new() { ["app"] = "postgres", ["tier"] = "db" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=postgres", true)]
    [InlineData("app==postgres", true)]
    [InlineData("app=postgres,tier=db", true)]
    [InlineData("app=postgres,tier=web", false)]
    [InlineData("app!=mysql", true)]
    [InlineData("app!=postgres", false)]
    [InlineData("app in (mysql, postgres)", true)]
    [InlineData("app notin (mysql,postgres)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("missing!=x", true)]
    [InlineData("missing in (x)", false)]
    [InlineData("missing notin (x)", true)]
    public void Selector_matches_as_apimachinery_does(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Postgres));

    [Theory]
    [InlineData("app=", "app=")]
    [InlineData("a in (x,y),b", "a in (x,y),b")]
    [InlineData("b=1,a=2", "a=2,b=1")]
    public void Parsed_selectors_print_sorted_by_key(string text, string printed) =>
        Assert.Equal(printed, LabelSelector.Parse(text).ToString());

    [Theory]
    [InlineData("app=postgres,")]
    [InlineData("app in mysql")]
    [InlineData("=x")]
    [InlineData("app=a b")]
    [InlineData("bad key=x")]
    [InlineData("app=-bad-")]
    public void Malformed_selectors_are_rejected_with_a_parse_error(string text)
    {
        var e = Assert.Throws<FormatException>(() => LabelSelector.Parse(text));
        Assert.StartsWith("unable to parse requirement", e.Message);
    }

    [Fact]
    public void A_null_label_selector_selects_nothing_and_an_empty_one_everything()
    {
        Assert.False(LabelSelector.FromLabelSelector(null).Matches(Postgres));
        Assert.True(LabelSelector.FromLabelSelector(new System.Text.Json.Nodes.JsonObject()).Matches(Postgres));
    }

    [Fact]
    public void Match_expressions_combine_with_match_labels()
    {
        var sel = System.Text.Json.Nodes.JsonNode.Parse("""
            {"matchLabels":{"app":"postgres"},"matchExpressions":[{"key":"tier","operator":"In","values":["db","cache"]}]}
            """)!.AsObject();
        Assert.True(LabelSelector.FromLabelSelector(sel).Matches(Postgres));
        Assert.False(LabelSelector.FromLabelSelector(sel).Matches(new Dictionary<string, string> { ["app"] = "postgres" }));
    }

    [Fact]
    public void A_service_selector_map_matches_only_pods_with_every_label()
    {
        var sel = LabelSelector.FromMap(System.Text.Json.Nodes.JsonNode.Parse("""{"app":"postgres","tier":"db"}""")!.AsObject());
        Assert.True(sel.Matches(Postgres));
        Assert.False(sel.Matches(new Dictionary<string, string> { ["app"] = "postgres" }));
    }
}
