// Objects of surprising shape (nulls, wrong JSON types, empty everything) never make defaulting or validation throw.
using System.Text.Json.Nodes;
using Kinet.Api.Defaulting;
using Kinet.Api.Resources;
using Kinet.Api.Validation;

namespace Kinet.Api.Tests.Validation;

public sealed class OddShapeTests
{
    private static readonly string[] Bodies =
    [
        "{}",
        """{"metadata":null,"spec":null,"status":null}""",
        """{"metadata":[],"spec":"x","data":7,"subsets":{},"endpoints":"e","ports":[null,1,"a"]}""",
        """{"metadata":{"name":5,"labels":[1],"annotations":{"a":null},"finalizers":[null,3],"ownerReferences":[1,{"controller":"yes"}]},"spec":{"containers":[null,7,{"name":[],"image":{},"ports":"p","env":[{"valueFrom":5}],"resources":{"limits":[]},"livenessProbe":[]}],"volumes":[{"secret":"s"},{}],"selector":[],"ports":[{"port":"http","targetPort":null,"nodePort":"x"}],"template":[],"strategy":{"rollingUpdate":"r"},"ingress":[{"from":[null,{"ipBlock":{"cidr":5,"except":[null]}}],"ports":[{"port":{}}]}],"rules":[{"host":1,"http":{"paths":[{"pathType":3,"backend":[]}]}}],"tolerations":[{"tolerationSeconds":"x"}],"clusterIPs":[null],"podCIDRs":"c","dnsConfig":[]}}""",
        """{"metadata":{"name":"x"},"spec":{"containers":[{"name":"c","image":"i","resources":{"requests":{"cpu":"lots"},"limits":{"cpu":"1e400"}}}],"type":"ExternalName","externalName":null,"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":null}},"stringData":{"k":null},"type":null}""",
    ];

    public static TheoryData<string, int> KindsAndBodies
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var r in ResourceRegistry.Resources)
                for (var i = 0; i < Bodies.Length; i++)
                    data.Add(r.ApiVersion + "/" + r.Kind, i);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndBodies))]
    public void Odd_shapes_give_field_errors_not_exceptions(string kind, int body)
    {
        var r = ResourceRegistry.Resources.Single(x => x.ApiVersion + "/" + x.Kind == kind);
        var obj = JsonNode.Parse(Bodies[body])!.AsObject();
        var old = JsonNode.Parse(Bodies[(body + 1) % Bodies.Length])!.AsObject();
        Defaulter.Apply(r, obj);
        Defaulter.PrepareForCreate(r, obj);
        Defaulter.PrepareForUpdate(r, obj, old);
        Assert.NotNull(Validator.ValidateCreate(r, obj));
        Assert.NotNull(Validator.ValidateUpdate(r, obj, old));
        Assert.NotNull(Validator.ValidateUpdate(r, old, obj));
    }
}
