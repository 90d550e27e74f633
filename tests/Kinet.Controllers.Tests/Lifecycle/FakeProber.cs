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
        Calls.Enqueue($"http {target.Host}:{target.Port}");
        HttpTargets.Enqueue(target);
        return Task.FromResult(Answer(target.Host, target.Port));
    }

    public Task<ProbeResult> TcpSocketAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        Calls.Enqueue($"tcp {host}:{port}");
        return Task.FromResult(Answer(host, port));
    }

    private ProbeResult Answer(string host, int port) =>
        Results.TryGetValue(port, out var r) ? r : ProbeResult.Failure($"dial tcp {host}:{port}: connect: connection refused");
}
