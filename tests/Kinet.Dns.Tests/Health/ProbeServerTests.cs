// The `ready` endpoint answers 503 until the server is ready, then 200 "OK".
using System.Net;
using System.Net.Sockets;
using Kinet.Dns.Health;

namespace Kinet.Dns.Tests.Health;

public class ProbeServerTests
{
    [Fact]
    public async Task Ready_is_503_before_the_first_view_and_200_after()
    {
        var ready = false;
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        using var probe = new ProbeServer(socket, "/ready", () => ready);
        probe.Start();
        using var http = new HttpClient();

        var before = await http.GetAsync($"http://{probe.LocalEndPoint}/ready");
        ready = true;
        var after = await http.GetAsync($"http://{probe.LocalEndPoint}/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "OK"), (after.StatusCode, await after.Content.ReadAsStringAsync()));
    }
}
