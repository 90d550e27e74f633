// The worker loop of a kube-controller-manager controller: N workers take keys from the queue and reconcile them; a
// key that fails (a conflict, a vanished object, anything) comes back with back-off and never stops the others.
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.Workloads;

internal static class Workers
{
    public static Task RunAsync(WorkQueue<string> queue, int count, Func<string, CancellationToken, Task> reconcile,
        Action<string> log, string controller, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => WorkAsync(queue, reconcile, log, controller, ct), ct)));

    private static async Task WorkAsync(WorkQueue<string> queue, Func<string, CancellationToken, Task> reconcile,
        Action<string> log, string controller, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(ct).ConfigureAwait(false);
                try
                {
                    await reconcile(key, ct).ConfigureAwait(false);
                    queue.Forget(key);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception e)
                {
                    var delay = queue.AddRateLimited(key);
                    // Conflicts and vanished objects are the normal cost of reading from caches: retried, not logged.
                    if (e is not (ObjectConflictException or ObjectNotFoundException))
                        log($"{controller}: syncing {key} failed (retry in {delay.TotalMilliseconds:0} ms): {e.Message}");
                }
                finally
                {
                    queue.Done(key);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
