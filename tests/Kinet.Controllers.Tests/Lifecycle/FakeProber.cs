// Network probes answered by the test: a result per port (unset ports refuse), and every call recorded.
using System.Collections.Concurrent;
using Kinet.Controllers.Nodes.Lifecycle;

namespace Kinet.Controllers.Tests.Lifecycle;

internal sealed class FakeProber : IProber
{
    public ConcurrentDictionary<int, ProbeResult> Results { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<HttpGetTarget> HttpTargets { get; } = new();

    public void Set(int port, bool healthy) =>
        Results[port] = healthy ? ProbeResult.Success("ok") : ProbeResult.Failure("HTTP probe failed with statuscode: 500");

    public int CallsTo(int port) => Calls.Count(c => c.EndsWith(":" + port, StringComparison.Ordinal));

    public Task<ProbeResult> HttpGetAsync(HttpGetTarget target, TimeSpan timeout, CancellationToken ct)
    {
        // The answer is taken before the call is recorded: a test that waits for the call and then changes the result
        // must not change this one.
        var answer = Answer(target.Host, target.Port);
        HttpTargets.Enqueue(target);
        Calls.Enqueue($"http {target.Host}:{target.Port}");
        return Task.FromResult(answer);
    }

    public Task<ProbeResult> TcpSocketAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        var answer = Answer(host, port);
        Calls.Enqueue($"tcp {host}:{port}");
        return Task.FromResult(answer);
    }

    private ProbeResult Answer(string host, int port) =>
        Results.TryGetValue(port, out var r) ? r : ProbeResult.Failure($"dial tcp {host}:{port}: connect: connection refused");
}
