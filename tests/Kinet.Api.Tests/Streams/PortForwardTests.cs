// The real kubectl port-forward and curl through it, to a local TCP server the fake node connects each forwarded
// connection to: over SPDY tunnelled in a WebSocket (kubectl's first choice) and over raw SPDY/3.1 (its fallback).
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Streams;

public abstract class PortForwardTestsBase<TFixture>(TFixture f) where TFixture : StreamsFixture
{
    [Fact]
    public async Task Curl_through_port_forward_reaches_the_pods_server_again_and_again()
    {
        await using var web = new LocalHttpServer("hello from the pod");
        f.Node.Ports[80] = web.Port;
        var local = LocalHttpServer.FreePort();
        await using var pf = new RunningCommand("kubectl", f.KubectlArgs("port-forward", "pod/p1", $"{local}:80", "--address", "127.0.0.1"));
        await pf.WaitForAsync($"Forwarding from 127.0.0.1:{local} -> 80");
        for (var i = 1; i <= 3; i++)
        {
            var r = await Command.RunAsync("curl", ["-sS", "--max-time", "20", $"http://127.0.0.1:{local}/"]);
            Assert.True(r.ExitCode == 0, r + "\n--- port-forward\n" + pf.Stdout + pf.Stderr);
            Assert.Equal($"hello from the pod #{i}\n", r.Stdout);
        }
        Assert.False(pf.Process.HasExited, pf.Stderr);
        Assert.DoesNotContain("error", pf.Stderr);
    }

    [Fact]
    public async Task Port_forward_to_a_service_reaches_a_pod_behind_it_on_the_target_port()
    {
        await using var web = new LocalHttpServer("hello from behind the service");
        f.Node.Ports[80] = web.Port;
        var local = LocalHttpServer.FreePort();
        await using var pf = new RunningCommand("kubectl", f.KubectlArgs("port-forward", "svc/web", $"{local}:8080", "--address", "127.0.0.1"));
        await pf.WaitForAsync($"Forwarding from 127.0.0.1:{local} -> 80");
        var r = await Command.RunAsync("curl", ["-sS", "--max-time", "20", $"http://127.0.0.1:{local}/"]);
        Assert.True(r.ExitCode == 0, r + "\n--- port-forward\n" + pf.Stdout + pf.Stderr);
        Assert.Equal("hello from behind the service #1\n", r.Stdout);
    }

    [Fact]
    public async Task A_port_the_pod_refuses_is_reported_by_kubectl()
    {
        var local = LocalHttpServer.FreePort();
        await using var pf = new RunningCommand("kubectl", f.KubectlArgs("port-forward", "pod/p1", $"{local}:9999", "--address", "127.0.0.1"));
        await pf.WaitForAsync($"Forwarding from 127.0.0.1:{local} -> 9999");
        await Command.RunAsync("curl", ["-sS", "--max-time", "20", $"http://127.0.0.1:{local}/"]);
        await pf.WaitForAsync("error forwarding port 9999 to pod p1_default");
        Assert.Contains($"an error occurred forwarding {local} -> 9999", pf.Stderr);
    }

    [Theory]
    [InlineData("pending", "pod pending does not have a host assigned")]
    [InlineData("p1", "Upgrade request required")]
    public async Task Port_forward_refusals_read_as_kube_apiserver_words_them(string pod, string message)
    {
        using var response = await f.Http.PostAsync($"/api/v1/namespaces/default/pods/{pod}/portforward", null);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(message, (string?)status["message"]);
    }
}

public class PortForwardTests(StreamsFixture f) : PortForwardTestsBase<StreamsFixture>(f), IClassFixture<StreamsFixture>;

public class SpdyPortForwardTests(SpdyOnlyStreamsFixture f) : PortForwardTestsBase<SpdyOnlyStreamsFixture>(f), IClassFixture<SpdyOnlyStreamsFixture>;
