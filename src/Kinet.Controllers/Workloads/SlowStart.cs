// controller.slowStartBatch: do `count` calls in batches of 1, 2, 4, … (each batch concurrently), stopping after a
// batch with a failure, so a controller that cannot create pods (quota, admission) fails after one call, not a thousand.
namespace Kinet.Controllers.Workloads;

public static class SlowStart
{
    public const int InitialBatchSize = 1;

    /// <summary>The number of calls that succeeded, and the first failure if a batch had one (then later batches were skipped).</summary>
    public static async Task<(int Succeeded, Exception? Error)> RunAsync(int count, Func<Task> call, int initialBatchSize = InitialBatchSize)
    {
        var succeeded = 0;
        var remaining = count;
        for (var batch = Math.Min(remaining, initialBatchSize); batch > 0; batch = Math.Min(2 * batch, remaining))
        {
            var calls = new Task[batch];
            for (var i = 0; i < batch; i++) calls[i] = Task.Run(call);
            try { await Task.WhenAll(calls).ConfigureAwait(false); }
            catch (Exception) { /* inspected below, per call */ }
            var failure = calls.FirstOrDefault(t => !t.IsCompletedSuccessfully);
            succeeded += calls.Count(t => t.IsCompletedSuccessfully);
            if (failure is not null) return (succeeded, failure.Exception?.InnerException ?? new TaskCanceledException(failure));
            remaining -= batch;
        }
        return (succeeded, null);
    }
}
