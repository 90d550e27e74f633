// Runs upstream's own strategic merge patch vectors (apimachinery v0.32 patch_test.go: the raw cases and the YAML
// cases, extracted to testdata/smp-upstream.json) against the MergeItem test type those vectors are written for.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Patching;
using Kinet.Api.Schema;

namespace Kinet.Api.Tests.Patching;

public class StrategicMergePatchUpstreamTests
{
    private static readonly StructNode MergeItem = BuildMergeItem();

    // Mirrors upstream's MergeItem / RetainKeysMergeItem structs and their patch tags.
    private static StructNode BuildMergeItem()
    {
        var item = new StructNode("MergeItem", atomic: false);
        var retain = new StructNode("RetainKeysMergeItem", atomic: false);
        var str = ScalarNode.Of(ScalarKind.String);
        var num = ScalarNode.Of(ScalarKind.Int64);
        SchemaField F(string name, SchemaNode node, PatchStrategy s = PatchStrategy.None, string? key = null) =>
            new() { Name = name, Node = node, PatchStrategy = s, PatchMergeKey = key };
        ListNode L(SchemaNode items, PatchStrategy s = PatchStrategy.None, string? key = null) =>
            new() { Items = items, PatchStrategy = s, PatchMergeKey = key };
        foreach (var s in new[] { item, retain })
        {
            s.Add(F("name", str));
            s.Add(F("value", str));
            s.Add(F("other", str));
            s.Add(F("simpleMap", new MapNode { Values = str }));
            s.Add(F("mergingList", L(item, PatchStrategy.Merge, "name"), PatchStrategy.Merge, "name"));
            s.Add(F("nonMergingList", L(item)));
            s.Add(F("mergingIntList", L(num, PatchStrategy.Merge), PatchStrategy.Merge));
        }
        item.Add(F("nonMergingIntList", L(num)));
        item.Add(F("mergeItemPtr", item, PatchStrategy.Merge, "name"));
        item.Add(F("replacingItem", ScalarNode.Of(ScalarKind.Untyped), PatchStrategy.Replace));
        item.Add(F("retainKeysMap", retain, PatchStrategy.RetainKeys));
        var both = PatchStrategy.Merge | PatchStrategy.RetainKeys;
        item.Add(F("retainKeysMergingList", L(item, both, "name"), both, "name"));
        return item;
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load()) data.Add(c.Key);
        return data;
    }

    // Read next to this source file, so the test project needs no copy-to-output item for the data.
    private static string DataPath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "testdata", "smp-upstream.json");

    private static Dictionary<string, JsonObject> Load()
    {
        var path = DataPath();
        var cases = new Dictionary<string, JsonObject>();
        foreach (var c in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
        {
            var name = (string)c!["description"]!;
            while (cases.ContainsKey(name)) name += "'";
            cases[name] = c.AsObject();
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Upstream_vector_gives_the_upstream_result(string description)
    {
        var c = Load()[description];
        var original = c["original"]!.AsObject();
        var patch = c["patch"]!.AsObject();
        if (c["error"] is { } error)
        {
            var ex = Assert.ThrowsAny<ApiException>(() => StrategicMergePatch.Apply(MergeItem, original, patch));
            Assert.Contains((string)error!, ex.Message);
            return;
        }
        var result = StrategicMergePatch.Apply(MergeItem, original, patch);
        var expected = c["expected"]!.AsObject();
        if ((bool)c["sorted"]!)
        {
            Canonical(result);
            Canonical(expected);
        }
        Assert.True(JsonPatch.SameJson(expected, result), $"expected {expected.ToJsonString()}\n     got {result.ToJsonString()}");
    }

    // Upstream compares the YAML-described cases after sorting merged lists by merge key; do the same.
    private static void Canonical(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    Canonical(v);
                    if (v is JsonArray a && k is "mergingList" or "retainKeysMergingList" or "mergingIntList")
                    {
                        var sorted = a.Select(x => x?.DeepClone()).OrderBy(x => x is JsonObject io ? io["name"]?.ToJsonString() : x?.ToJsonString(), StringComparer.Ordinal).ToArray();
                        o[k] = new JsonArray(sorted);
                    }
                }
                break;
            case JsonArray arr:
                foreach (var v in arr) Canonical(v);
                break;
        }
    }

    [Fact]
    public void The_upstream_vectors_are_all_there() => Assert.True(Load().Count > 200);
}
