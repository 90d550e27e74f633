// Tuning knobs shared by every backend: how far back watches can resume, how far a watcher may fall behind, batch size.
namespace Kinet.Store;

public record StoreOptions
{
    /// <summary>How many recent events the in-memory change log keeps for watches that resume from an older revision.</summary>
    public int ChangeLogCapacity { get; init; } = 50_000;

    /// <summary>
    /// Upper bound on the JSON bytes the change log holds, so that churn on large objects cannot hold many old copies in
    /// memory (the events share their bytes with the live objects, so this overestimates). Whichever bound is hit first wins.
    /// </summary>
    public long ChangeLogMaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// A watcher with more than this many unread live events is cut off (its channel completes) instead of buffering without bound;
    /// clients then re-list, as they do when kube-apiserver closes a slow watch.
    /// </summary>
    public int WatchBufferLimit { get; init; } = 10_000;

    /// <summary>Most mutations written in one group commit (one transaction, one fsync).</summary>
    public int MaxBatchSize { get; init; } = 1_000;

    internal void Validate()
    {
        if (ChangeLogCapacity < 1) throw new ArgumentOutOfRangeException(nameof(ChangeLogCapacity), ChangeLogCapacity, "must be at least 1");
        if (ChangeLogMaxBytes < 1) throw new ArgumentOutOfRangeException(nameof(ChangeLogMaxBytes), ChangeLogMaxBytes, "must be at least 1");
        if (WatchBufferLimit < 1) throw new ArgumentOutOfRangeException(nameof(WatchBufferLimit), WatchBufferLimit, "must be at least 1");
        if (MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "must be at least 1");
    }
}
