// Sockets made inside a pod's namespace: a listener there is reachable from another pod and not from the host's own
// loopback; ConnectAsync reaches 127.0.0.1 inside the pod (what port-forward does).
using System.Net;
using System.Net.Sockets;
using Kinet.Node.Network;

namespace Kinet.Node.Tests.Network;

public sealed class NetnsSocketsTests
{
    [Fact]
    public async Task Connecting_to_loopback_inside_a_pod_reaches_the_pods_listener_only()
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 1);
        var pod = await cluster.PodAsync(0, "fwd", 8);
        using var listener = await NetnsSockets.ListenAsync(pod.NetnsPath, new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var accept = listener.AcceptAsync();

        using var inside = await NetnsSockets.ConnectAsync(pod.NetnsPath, new IPEndPoint(IPAddress.Loopback, port), CancellationToken.None);
        using var accepted = await accept;
        await inside.SendAsync("ping"u8.ToArray());
        var buffer = new byte[4];
        Assert.Equal(4, await accepted.ReceiveAsync(buffer));
        Assert.Equal("ping"u8.ToArray(), buffer);

        // The same port on the host's own loopback is another namespace: nothing listens there.
        using var outside = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => outside.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task The_socket_factory_makes_sockets_in_the_namespace()
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 1);
        var pod = await cluster.PodAsync(0, "udp", 9);
        var factory = NetnsSockets.Factory(pod.NetnsPath);
        using var udp = factory(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
        using var sender = new UdpClient();
        await sender.SendAsync("x"u8.ToArray(), new IPEndPoint(pod.Addresses[0], port));
        var buffer = new byte[16];
        var received = await udp.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
        Assert.Equal(cluster.Spec.HostAddress, ((IPEndPoint)received.RemoteEndPoint).Address);
    }
}
