// Test helper: compares decoded JSON with expected JSON text structurally and prints both on failure.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tests.Protobuf;

internal static class JsonAssert
{
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"expected:\n{expected?.ToJsonString()}\nactual:\n{actual?.ToJsonString()}");
    }
}
