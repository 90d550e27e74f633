// Request bodies that are not JSON fail with Go's encoding/json syntax error texts.
using Kinet.Api.Decoding;

namespace Kinet.Api.Tests.Decoding;

public class JsonBodyTests
{
    [Theory]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("{\"a\":", "unexpected end of JSON input")]
    [InlineData("x", "invalid character 'x' looking for beginning of value")]
    [InlineData("{x}", "invalid character 'x' looking for beginning of object key string")]
    [InlineData("{\"a\" 1}", "invalid character '1' after object key")]
    [InlineData("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair")]
    [InlineData("[1 2]", "invalid character '2' after array element")]
    [InlineData("{\"a\":tru}", "invalid character '}' in literal true (expecting 'e')")]
    [InlineData("{\"a\":1.}", "invalid character '}' after decimal point in numeric literal")]
    [InlineData("{\"a\":-x}", "invalid character 'x' in numeric literal")]
    [InlineData("{\"a\":1e}", "invalid character '}' in exponent of numeric literal")]
    [InlineData("{\"a\":\"\\q\"}", "invalid character 'q' in string escape code")]
    [InlineData("{\"a\":\"\n\"}", "invalid character '\\n' in string literal")]
    [InlineData("{} {}", "invalid character '{' after top-level value")]
    [InlineData("{\"a\":01}", "invalid character '1' after object key:value pair")]
    public void Syntax_errors_read_like_go(string body, string message) =>
        Assert.Equal(message, Assert.Throws<JsonSyntaxException>(() => JsonBody.Parse(body)).Message);

    [Fact]
    public void Valid_json_parses_with_numbers_and_escapes_intact()
    {
        var parsed = JsonBody.Parse("""{"a":[1,2.50,-3e2],"s":"x\u00e9\n\"","b":true,"n":null,"o":{}}""");
        Assert.Equal("""{"a":[1,2.50,-3e2],"s":"x\u00E9\n\u0022","b":true,"n":null,"o":{}}""", parsed.Root!.ToJsonString());
        Assert.Empty(parsed.DuplicateFields);
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_value_and_are_recorded_with_their_paths()
    {
        var parsed = JsonBody.Parse("""{"a":1,"l":[{"x":1,"x":2}],"a":3}""");
        Assert.Equal("""{"a":3,"l":[{"x":2}]}""", parsed.Root!.ToJsonString());
        Assert.Equal(["a", "l[0].x"], parsed.DuplicateFields.Order());
    }
}
