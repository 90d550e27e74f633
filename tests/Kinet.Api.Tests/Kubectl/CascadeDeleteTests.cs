// Acceptance: `kubectl delete --cascade=orphan|foreground|background` sends the propagation policy, and the API leaves
// the object with the garbage collector's finalizer (no garbage collector runs here, so it stays) or deletes it at once.
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class CascadeDeleteTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>
{
    [Theory]
    [InlineData("orphan", "[\"orphan\"]")]
    [InlineData("foreground", "[\"foregroundDeletion\"]")]
    public async Task Cascade_orphan_and_foreground_leave_the_deployment_marked_with_their_finalizer(string cascade, string finalizers)
    {
        var name = "cascade-" + cascade;
        await k.Ok("create", "deployment", name, "--image=nginx");

        // --wait=false: nothing here removes the finalizer, so waiting would never end.
        Assert.Equal($"deployment.apps \"{name}\" deleted\n", await k.Ok("delete", "deployment", name, "--cascade=" + cascade, "--wait=false"));

        Assert.Equal(finalizers, await k.Ok("get", "deployment", name, "-o", "jsonpath={.metadata.finalizers}"));
        Assert.NotEmpty(await k.Ok("get", "deployment", name, "-o", "jsonpath={.metadata.deletionTimestamp}"));
    }

    [Theory]
    [InlineData("--cascade=background")]
    [InlineData("--cascade=true")]
    public async Task Cascade_background_deletes_the_deployment_at_once(string cascade)
    {
        var name = "cascade-bg-" + cascade.Length;
        await k.Ok("create", "deployment", name, "--image=nginx");

        Assert.Equal($"deployment.apps \"{name}\" deleted\n", await k.Ok("delete", "deployment", name, cascade));

        Assert.Contains("NotFound", await k.Fails("get", "deployment", name));
    }

    [Fact]
    public async Task A_delete_with_an_unknown_propagation_policy_is_422_on_delete_options()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/whatever")
        {
            Content = new StringContent("{\"propagationPolicy\":\"Sideways\"}", Encoding.UTF8, "application/json"),
        };

        using var response = await k.Server.Http.SendAsync(request);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Sideways\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"",
            status["message"]!.GetValue<string>());
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
    }
}
