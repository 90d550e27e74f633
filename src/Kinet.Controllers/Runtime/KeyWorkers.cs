// The worker side of every controller: N workers take keys from the queue and reconcile them; a key that fails
// (conflict, not found, anything) or asks to be retried comes back with back-off, and never stops the others.
// Conflicts and vanished objects are the normal cost of reading from caches: retried, not logged.
using Kinet.Controllers.Client;

namespace Kinet.Controllers.Runtime;

public static class KeyWorkers
{
    /// <param name="reconcile">One key; false asks for a retry with back-off.</param>
    public static Task RunAsync(WorkQueue<string> queue, int workers, Func<string, CancellationToken, Task<bool>> reconcile,
        Action<string> log, string controller, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => WorkAsync(queue, reconcile, log, controller, ct), ct)));

    /// <param name="reconcile">One key; returning is success, throwing is a retry with back-off.</param>
    public static Task RunAsync(WorkQueue<string> queue, int workers, Func<string, CancellationToken, Task> reconcile,
        Action<string> log, string controller, CancellationToken ct) =>
        RunAsync(queue, workers, async (key, c) => { await reconcile(key, c).ConfigureAwait(false); return true; }, log, controller, ct);

    private static async Task WorkAsync(WorkQueue<string> queue, Func<string, CancellationToken, Task<bool>> reconcile,
        Action<string> log, string controller, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            string key;
            try { key = await queue.TakeAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            try
            {
                if (await reconcile(key, ct).ConfigureAwait(false)) queue.Forget(key);
                else queue.AddRateLimited(key);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                var delay = queue.AddRateLimited(key);
                if (e is not (ObjectConflictException or ObjectNotFoundException))
                    log($"{controller}: syncing {key} failed (retry in {delay.TotalMilliseconds:0} ms): {e.Message}");
            }
            finally
            {
                queue.Done(key);
            }
        }
    }
}
