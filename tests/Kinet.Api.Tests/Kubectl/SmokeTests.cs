// The real kubectl against an in-process API server: the basic verbs.
using Kinet.Api.Tests.Support;
using Kinet.Store.Memory;

namespace Kinet.Api.Tests.Kubectl;

public class SmokeTests
{
    [Fact]
    public async Task Kubectl_creates_gets_and_deletes_a_configmap()
    {
        await using var s = await TestApiServer.StartAsync(new MemoryObjectStore());
        var r = await s.KubectlAsync("version");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Server Version: v1.32", r.Stdout);
        r = await s.KubectlAsync("create", "configmap", "c1", "--from-literal=a=b", "--validate=false");
        Assert.True(r.ExitCode == 0, r.ToString());
        r = await s.KubectlAsync("get", "configmaps");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("c1", r.Stdout);
    }
}
