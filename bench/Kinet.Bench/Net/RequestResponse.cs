// A TCP request/response loop (netperf's TCP_RR): one connection, a 1-byte request answered by a 1-byte response,
// back to back for a fixed time; prints transactions per second and latency percentiles. bench/podnet.sh runs the server
// in one network namespace and the client in another (`ip netns exec`), for pods and for a bare veth pair alike.
//   rr-server <port>            echo every byte on every connection until killed
//   rr-client <host> <port> [seconds]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Bench.Net;

public static class RequestResponse
{
    public static async Task<int> ServerAsync(int port)
    {
        using var listener = new TcpListener(IPAddress.Any, port);
        listener.Start();
        Console.WriteLine($"rr-server listening on {port}");
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync();
            _ = Task.Run(async () =>
            {
                using var c = client;
                c.NoDelay = true;
                var stream = c.GetStream();
                var buffer = new byte[64];
                int n;
                while ((n = await stream.ReadAsync(buffer)) > 0) await stream.WriteAsync(buffer.AsMemory(0, n));
            });
        }
    }

    public static int Client(string host, int port, double seconds)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Parse(host), port);
        var one = new byte[1];
        var samples = new List<long>(1 << 20);
        var total = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        while (total.Elapsed < limit)
        {
            var t = Stopwatch.GetTimestamp();
            socket.Send(one);
            if (socket.Receive(one) != 1) throw new IOException("server closed");
            samples.Add(Stopwatch.GetTimestamp() - t);
        }
        samples.Sort();
        double Us(double q) => samples[(int)Math.Min(samples.Count - 1, q * samples.Count)] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rr: {samples.Count / total.Elapsed.TotalSeconds:F0} transactions/s, latency p50 {Us(0.50):F1} us, p99 {Us(0.99):F1} us"));
        return 0;
    }
}
