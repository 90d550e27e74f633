// A server started without a node agent (ApiServerOptions.PodStreams null) answers the stream subresources as before.
using Kinet.Api.Tests.Support;
using Kinet.Store.Memory;

namespace Kinet.Api.Tests.Streams;

public class NoNodeAgentTests
{
    [Theory]
    [InlineData("log")]
    [InlineData("exec?command=true&stdout=true")]
    [InlineData("portforward")]
    public async Task Streams_without_a_node_agent_are_a_bad_request_that_says_why(string subresource)
    {
        await using var s = await TestApiServer.StartAsync(new MemoryObjectStore());
        var created = await s.KubectlWithInputAsync("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n", "apply", "-f", "-");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var response = await s.Http.GetAsync($"/api/v1/namespaces/default/pods/p/{subresource}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("this Kinet cluster has no node agent running pods yet", await response.Content.ReadAsStringAsync());
    }
}
