// HTTP/1.0 requests from the test process (the host) to a cluster address, one new TCP connection each, so every request
// is a new flow through the node's service rules. Used to count which pod answered (the responder's "pod: <name>" line)
// and to keep a steady request rate while a Service changes.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Kinet.Cli.Tests.Harness;

public static partial class HttpLoad
{
    /// <summary>The answering pod's name, or null when the request failed (refused, reset, timed out, no pod line).</summary>
    public static async Task<string?> PodAsync(IPAddress address, int port, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.0\r\nHost: {address}\r\n\r\n"), timeout.Token);
            var response = new StringBuilder();
            var buffer = new byte[4096];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, timeout.Token)) > 0) response.Append(Encoding.ASCII.GetString(buffer, 0, n));
            var m = PodLine().Match(response.ToString());
            return m.Success ? m.Groups[1].Value : null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>Sends <paramref name="total"/> requests, <paramref name="parallel"/> at a time; answers per pod
    /// (failures under the empty name).</summary>
    public static async Task<Dictionary<string, int>> CountAsync(IPAddress address, int port, int total, int parallel, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                var pod = await PodAsync(address, port, ct) ?? "";
                lock (counts) counts[pod] = counts.GetValueOrDefault(pod) + 1;
            }
        }));
        return counts;
    }

    /// <summary>Requests at <paramref name="perSecond"/> (spread over <paramref name="parallel"/> workers) until
    /// <paramref name="stop"/>; returns how many were sent, how many failed, and the rate achieved.</summary>
    public static async Task<(int Sent, int Failed, double Rate, Dictionary<string, int> Pods)> SteadyAsync(
        IPAddress address, int port, int perSecond, int parallel, CancellationToken stop)
    {
        int sent = 0, failed = 0;
        var pods = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async worker =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i += parallel)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    try { await Task.Delay(due, stop); }
                    catch (OperationCanceledException) { return; }
                }
                var pod = await PodAsync(address, port, CancellationToken.None);
                Interlocked.Increment(ref sent);
                if (pod is null) Interlocked.Increment(ref failed);
                else lock (pods) pods[pod] = pods.GetValueOrDefault(pod) + 1;
            }
        }));
        return (sent, failed, sent / clock.Elapsed.TotalSeconds, pods);
    }

    [GeneratedRegex(@"^pod: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PodLine();
}
