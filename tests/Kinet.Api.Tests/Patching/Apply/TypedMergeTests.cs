// The merge of an applied configuration into a live object, per the schema; list order follows upstream's walk.
using System.Text.Json.Nodes;
using Kinet.Api.Patching.Apply;
using Kinet.Api.Schema;
using static Kinet.Api.Tests.Patching.Apply.Objects;
using static Kinet.Api.Tests.Patching.Apply.Paths;

namespace Kinet.Api.Tests.Patching.Apply;

public class TypedMergeTests
{
    private static JsonObject PodWith(string containerNames) =>
        J("{'spec':{'containers':[" + string.Join(",", containerNames.Split(',').Select(n => $"{{'name':'{n}'}}")) + "]}}");

    private static string NamesOf(JsonObject pod) =>
        string.Join(",", pod["spec"]!["containers"]!.AsArray().Select(c => (string)c!["name"]!));

    [Theory]
    [InlineData("a,b,c", "c,a", "b,c,a")]
    [InlineData("a,b", "b,c", "a,b,c")]
    [InlineData("a,b", "c,a", "c,a,b")]
    [InlineData("a", "a", "a")]
    public void List_map_items_keep_upstreams_order(string live, string config, string merged)
    {
        var result = TypedMerge.Merge(ApiSchema.For(Pods), PodWith(live), PodWith(config));

        Assert.Equal(merged, NamesOf(result));
    }

    public static TheoryData<string, string, string> Cases => new()
    {
        // live, config, merged
        { "{'metadata':{'finalizers':['x','y']}}", "{'metadata':{'finalizers':['z','x']}}", "{'metadata':{'finalizers':['z','x','y']}}" },
        { "{'spec':{'containers':[{'name':'c','args':['1','2']}]}}", "{'spec':{'containers':[{'name':'c','args':['3']}]}}",
          "{'spec':{'containers':[{'name':'c','args':['3']}]}}" },
        { "{'spec':{'nodeSelector':{'a':'1'}}}", "{'spec':{'nodeSelector':{'b':'2'}}}", "{'spec':{'nodeSelector':{'b':'2'}}}" },
        { "{'metadata':{'labels':{'a':'1'}}}", "{'metadata':{'labels':{'b':'2'}}}", "{'metadata':{'labels':{'a':'1','b':'2'}}}" },
        { "{'metadata':{'labels':{'a':'1'}}}", "{'metadata':{'labels':{}}}", "{'metadata':{'labels':{'a':'1'}}}" },
        { "{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80,'protocol':'TCP','name':'http'}]}]}}",
          "{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80}]}]}}",
          "{'spec':{'containers':[{'name':'c','ports':[{'containerPort':80,'protocol':'TCP','name':'http'}]}]}}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sets_union_atomic_values_are_replaced_and_maps_merge_by_key(string live, string config, string merged)
    {
        var result = TypedMerge.Merge(ApiSchema.For(Pods), J(live), J(config));

        Assert.Equal(Compact(J(merged)), Compact(result));
    }
}
