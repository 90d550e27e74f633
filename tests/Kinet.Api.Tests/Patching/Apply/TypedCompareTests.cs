// What counts as added, modified and removed between two objects: the basis of every ownership change.
using Kinet.Api.Patching.Apply;
using Kinet.Api.Schema;
using static Kinet.Api.Tests.Patching.Apply.Objects;
using static Kinet.Api.Tests.Patching.Apply.Paths;

namespace Kinet.Api.Tests.Patching.Apply;

public class TypedCompareTests
{
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // old, new, added, modified, removed (FieldsV1). A duplicated item that becomes single is removed as a whole and added anew.
        { "{'metadata':{'labels':{'a':'1'}}}", "{'metadata':{'labels':{'a':'2','b':'1'}}}", """{"f:metadata":{"f:labels":{"f:b":{}}}}""", """{"f:metadata":{"f:labels":{"f:a":{}}}}""", "{}" },
        { "{'metadata':{}}", "{'metadata':{'labels':{'a':'1'}}}", """{"f:metadata":{"f:labels":{".":{},"f:a":{}}}}""", "{}", "{}" },
        { "{'spec':{'containers':[{'name':'c','image':'x'}]}}", "{'spec':{'containers':[]}}", "{}", "{}",
          """{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}}}}""" },
        { "{'spec':{'containers':[{'name':'c','args':['1']}]}}", "{'spec':{'containers':[{'name':'c','args':['1','2']}]}}", "{}",
          """{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{"f:args":{}}}}}""", "{}" },
        { "{'spec':{'containers':[{'name':'c','env':[{'name':'A'},{'name':'A'}]}]}}", "{'spec':{'containers':[{'name':'c','env':[{'name':'A'}]}]}}",
          """{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{"f:env":{"k:{\"name\":\"A\"}":{".":{},"f:name":{}}}}}}}""", "{}",
          """{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{"f:env":{"k:{\"name\":\"A\"}":{}}}}}}""" },
        { "{'spec':{'replicas':1}}", "{'spec':{'replicas':1.0}}", "{}", "{}", "{}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Changes_are_classified_field_by_field(string oldObj, string newObj, string added, string modified, string removed)
    {
        var c = TypedCompare.Compare(ApiSchema.For(Pods), J(oldObj), J(newObj));

        Assert.Equal(added, Compact(FieldsV1.Encode(c.Added)));
        Assert.Equal(modified, Compact(FieldsV1.Encode(c.Modified)));
        Assert.Equal(removed, Compact(FieldsV1.Encode(c.Removed)));
    }
}
