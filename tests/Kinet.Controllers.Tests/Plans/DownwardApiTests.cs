// Downward API values: Go-quoted label/annotation files, field paths and resource values with divisors.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class DownwardApiTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("two\nlines\tand tab", "\"two\\nlines\\tand tab\"")]
    [InlineData("bell\u0007", "\"bell\\a\"")]
    [InlineData("nul\u0001", "\"nul\\x01\"")]
    [InlineData("café ✓", "\"café ✓\"")]
    [InlineData("nbsp\u00a0", "\"nbsp\\u00a0\"")]
    public void Values_are_quoted_as_go_quotes_them(string value, string quoted) => Assert.Equal(quoted, DownwardApi.GoQuote(value));

    [Fact]
    public void A_map_is_sorted_key_quoted_value_lines_without_a_final_newline() =>
        Assert.Equal("a=\"1\"\nb.example/c=\"x y\"\nz=\"\"",
            DownwardApi.FormatMap(new Dictionary<string, string> { ["z"] = "", ["b.example/c"] = "x y", ["a"] = "1" }));

    [Theory]
    [InlineData("metadata.labels['missing']", "")]
    [InlineData("metadata.annotations['a/b']", "v")]
    [InlineData("metadata.name", "web-0")]
    public void Metadata_fields_read_the_pod(string path, string expected)
    {
        var pod = Fixtures.Pod(metadataExtra: "\"annotations\":{\"a/b\":\"v\"}");
        Assert.Equal(expected, DownwardApi.MetadataField(pod, path));
    }

    [Theory]
    [InlineData("metadata.generateName", "unsupported fieldPath: metadata.generateName")]
    [InlineData("metadata.name['x']", "fieldPath \"metadata.name['x']\" does not support subscript")]
    public void Unsupported_field_paths_fail_with_upstreams_message(string path, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => DownwardApi.MetadataField(Fixtures.Pod(), path)).Message);

    [Theory]
    [InlineData("limits.cpu", null, "2")]
    [InlineData("limits.cpu", "1m", "1500")]
    [InlineData("limits.cpu", "100m", "15")]
    [InlineData("requests.cpu", "1m", "1500")]
    [InlineData("limits.memory", null, "100000000")]
    [InlineData("limits.memory", "1Mi", "96")]
    [InlineData("limits.memory", "1M", "100")]
    [InlineData("limits.ephemeral-storage", "1Gi", "100")]
    public void Resources_divide_and_round_up(string resource, string? divisor, string expected)
    {
        var container = Fixtures.Obj("""{"name":"c","resources":{"limits":{"cpu":"1500m","memory":"100M"}}}""");
        // Unset requests read the limit; an unset limit (ephemeral-storage here) reads the node's allocatable.
        Assert.Equal(expected, DownwardApi.ResourceValue(container, resource, divisor, Fixtures.Settings));
    }
}
