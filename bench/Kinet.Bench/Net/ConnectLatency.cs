// First-packet latency: N sequential TCP connects (SYN → SYN/ACK → ACK, then close) to one address, timing only the
// connect; prints connects per second and latency percentiles. bench/proxy.sh runs it against a ClusterIP with 10 and
// with 10,000 Services in the same run: every connect is a new conntrack entry, so each one walks the node's service
// rules from the start (the cost kube-proxy's iptables mode grows linearly with and nftables' verdict map keeps flat).
//   connect-client <host> <port> [count]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Bench.Net;

public static class ConnectLatency
{
    public static int Client(string host, int port, int count)
    {
        var target = new IPEndPoint(IPAddress.Parse(host), port);
        var samples = new long[count];
        for (var i = 0; i < count; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // RST on close: no TIME_WAIT, so thousands of connects do not run out of ports or reuse a tuple.
            socket.LingerState = new LingerOption(true, 0);
            var t = Stopwatch.GetTimestamp();
            socket.Connect(target);
            samples[i] = Stopwatch.GetTimestamp() - t;
        }
        Array.Sort(samples);
        double Us(double q) => samples[(int)Math.Min(count - 1, q * count)] * 1e6 / Stopwatch.Frequency;
        var mean = samples.Average() * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"connect: {count} connects, mean {mean:F1} us, p50 {Us(0.50):F1} us, p90 {Us(0.90):F1} us, p99 {Us(0.99):F1} us"));
        return 0;
    }
}
