// A mutation waiting for the writer, with the task its caller awaits. Cancellation only wins before the writer claims it,
// so a caller never sees "cancelled" for a write that was in fact committed.
namespace Kinet.Store.Core;

internal sealed class PendingWrite
{
    private const int Waiting = 0, Claimed = 1, Cancelled = 2;
    private readonly TaskCompletionSource<StoredObject> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public PendingWrite(Mutation mutation, CancellationToken ct)
    {
        Mutation = mutation;
        if (ct.CanBeCanceled) _registration = ct.Register(() =>
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting) _done.TrySetCanceled(ct);
        });
    }

    public Mutation Mutation { get; }

    public Task<StoredObject> Task => _done.Task;

    /// <summary>The writer takes the write; false if its caller already cancelled it.</summary>
    public bool TryClaim()
    {
        _registration.Dispose();
        return Interlocked.CompareExchange(ref _state, Claimed, Waiting) == Waiting;
    }

    public void Succeed(StoredObject result) => _done.TrySetResult(result);

    public void Fail(Exception error) => _done.TrySetException(error);
}
