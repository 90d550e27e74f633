// Acceptance: kubectl's typed-client generators send protobuf bodies; each creates what it names.
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class GeneratorTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>
{
    [Theory]
    [InlineData("namespace/gen-ns created", "create", "namespace", "gen-ns")]
    [InlineData("deployment.apps/gen-deploy created", "create", "deployment", "gen-deploy", "--image=nginx", "--replicas=2")]
    [InlineData("service/gen-cip created", "create", "service", "clusterip", "gen-cip", "--tcp=80:8080")]
    [InlineData("service/gen-np created", "create", "service", "nodeport", "gen-np", "--tcp=80:8080")]
    [InlineData("service/gen-lb created", "create", "service", "loadbalancer", "gen-lb", "--tcp=80:8080")]
    [InlineData("service/gen-ext created", "create", "service", "externalname", "gen-ext", "--external-name=example.com")]
    [InlineData("configmap/gen-cm created", "create", "configmap", "gen-cm", "--from-literal=a=b")]
    [InlineData("secret/gen-secret created", "create", "secret", "generic", "gen-secret", "--from-literal=password=s3cr3t")]
    [InlineData("ingress.networking.k8s.io/gen-ing created", "create", "ingress", "gen-ing", "--rule=shop.example/cart*=cart:80")]
    [InlineData("serviceaccount/gen-sa created", "create", "serviceaccount", "gen-sa")]
    public async Task A_generator_creates_its_object(string expected, params string[] args) =>
        Assert.Equal(expected + "\n", await k.Ok(args));

    [Fact]
    public async Task Generated_objects_carry_what_the_flags_said()
    {
        await k.Ok("create", "secret", "generic", "gen-secret2", "--from-literal=password=s3cr3t");
        Assert.Equal("czNjcjN0", await k.Ok("get", "secret", "gen-secret2", "-o", "jsonpath={.data.password}"));
        await k.Ok("create", "service", "nodeport", "gen-np2", "--tcp=80:8080", "--node-port=30081");
        Assert.Equal("NodePort 80 8080 30081", await k.Ok("get", "svc", "gen-np2", "-o", "jsonpath={.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.ports[0].nodePort}"));
        await k.Ok("create", "ingress", "gen-ing2", "--rule=shop.example/cart*=cart:80");
        Assert.Equal("shop.example /cart Prefix cart",
            await k.Ok("get", "ing", "gen-ing2", "-o", "jsonpath={.spec.rules[0].host} {.spec.rules[0].http.paths[0].path} {.spec.rules[0].http.paths[0].pathType} {.spec.rules[0].http.paths[0].backend.service.name}"));
    }

    [Fact]
    public async Task Api_resources_lists_every_served_resource_with_its_short_names()
    {
        var out_ = await k.Ok("api-resources");
        foreach (var r in Kinet.Api.Resources.ResourceRegistry.Resources)
            Assert.Matches($@"(?m)^{r.Plural}\s+{string.Join(",", r.ShortNames)}\s+{System.Text.RegularExpressions.Regex.Escape(r.ApiVersion)}\s+{(r.Namespaced ? "true" : "false")}\s+{r.Kind}$", out_);
    }
}
