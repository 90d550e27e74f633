// The worker side of a controller: N workers take Service keys from the queue and reconcile them; a key that fails
// (conflict, not found, anything) or asks to be retried comes back with back-off, and never stops the others.
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.Endpoints;

internal static class KeyWorkers
{
    /// <param name="reconcile">One key; false asks for a retry with back-off.</param>
    public static Task RunAsync(WorkQueue<string> queue, int workers, Func<string, CancellationToken, Task<bool>> reconcile,
        Action<string> log, string controller, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => WorkAsync(queue, reconcile, log, controller, ct), ct)));

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
                if (e is not (Client.ObjectConflictException or Client.ObjectNotFoundException))
                    log($"{controller}: syncing {key} failed, retrying: {e.Message}");
                queue.AddRateLimited(key);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }
}
