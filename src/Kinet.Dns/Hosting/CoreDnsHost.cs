// Runs what a coredns pod runs: watch the cluster, serve DNS on UDP and TCP, reload on Corefile changes.
// SEAM (written before the helpers started): the server helper implements it.
namespace Kinet.Dns.Hosting;

public static class CoreDnsHost
{
    /// <summary>Serves until <paramref name="ct"/> is cancelled. Completes <paramref name="ready"/> (if given) once the
    /// sockets listen and the first view is built (CoreDNS's `ready` plugin).</summary>
    public static Task RunAsync(CoreDnsOptions options, CancellationToken ct, TaskCompletionSource? ready = null) =>
        throw new NotImplementedException("CoreDnsHost.RunAsync");
}
