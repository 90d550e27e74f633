// Where a backend makes committed batches durable. The engine calls it from its single writer thread only.
namespace Kinet.Store.Core;

internal interface IDurableLog : IDisposable
{
    /// <summary>
    /// Writes a batch of changes (in revision order; Deleted removes the object) and the store revision after it, atomically,
    /// and returns only once they survive a crash. Throwing means nothing of the batch was written.
    /// </summary>
    void Append(IReadOnlyList<ChangeEvent> changes, long revision);
}
