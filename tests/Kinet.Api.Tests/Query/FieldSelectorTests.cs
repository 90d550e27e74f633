// Field selectors: the fields kubectl sends (describe node, events of an object) and the errors for unsupported fields.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Query;
using Kinet.Api.Resources;

namespace Kinet.Api.Tests.Query;

public class FieldSelectorTests
{
    private static readonly ResourceInfo Pods = ResourceRegistry.Get("", "pods");
    private static readonly ResourceInfo Events = ResourceRegistry.Get("", "events");

    private static readonly JsonObject Pod = JsonNode.Parse("""
        {"metadata":{"name":"p1","namespace":"default"},"spec":{"nodeName":"kinet-worker"},"status":{"phase":"Running"}}
        """)!.AsObject();

    [Theory]
    [InlineData("metadata.name=p1", true)]
    [InlineData("metadata.name==p1", true)]
    [InlineData("metadata.name!=p1", false)]
    [InlineData("metadata.namespace=default", true)]
    [InlineData("spec.nodeName=kinet-worker,status.phase!=Succeeded,status.phase!=Failed", true)]
    [InlineData("spec.nodeName=kinet-worker2", false)]
    [InlineData("spec.hostNetwork=false", true)]
    public void Pod_field_selectors_match_as_the_apiserver_does(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector, Pods).Matches(Pod));

    [Fact]
    public void Event_selectors_of_kubectl_describe_match_the_involved_object()
    {
        var ev = JsonNode.Parse("""{"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"p1","namespace":"default","uid":"u1"},"source":{"component":"kubelet"}}""")!.AsObject();
        Assert.True(FieldSelector.Parse("involvedObject.name=p1,involvedObject.namespace=default,involvedObject.kind=Pod,involvedObject.uid=u1", Events).Matches(ev));
        Assert.True(FieldSelector.Parse("source=kubelet", Events).Matches(ev));
    }

    [Fact]
    public void An_unsupported_field_is_a_bad_request()
    {
        var e = Assert.Throws<ApiException>(() => FieldSelector.Parse("spec.foo=bar", Pods));
        Assert.Equal(400, e.Code);
        Assert.Equal("field label not supported: spec.foo", e.Message);
    }
}
