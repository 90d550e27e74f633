// Golden tests: real kubectl protobuf bodies decode to the JSON kubectl itself prints for the same object (see Fixtures/README.md).
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class CapturedBodyTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var bin in Directory.GetFiles(FixtureDirectory(), "*.bin").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(bin));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_captured_kubectl_body_decodes_to_what_kubectl_prints_for_the_same_object(string name)
    {
        var body = File.ReadAllBytes(Path.Combine(FixtureDirectory(), name + ".bin"));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDirectory(), name + ".json")));

        var decoded = ProtobufDecoder.Decode(body);

        Assert.True(JsonNode.DeepEquals(expected, decoded),
            $"expected:\n{expected!.ToJsonString()}\nactual:\n{decoded.ToJsonString()}");
    }

    [Fact]
    public void The_fixture_set_is_there()
    {
        Assert.True(Cases().Count >= 14);
    }

    // The fixtures are read from the source tree, next to this file.
    private static string FixtureDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures");
}
