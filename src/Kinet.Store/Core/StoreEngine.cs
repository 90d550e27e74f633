// The semantics every backend shares: one store-wide revision, preconditions, group commit through a single writer
// thread, lock-free snapshot reads, the change log and watch fan-out. A backend only supplies the durable log.
using System.Threading.Channels;

namespace Kinet.Store.Core;

internal sealed class StoreEngine : IObjectStore
{
    private readonly IDurableLog _log;
    private readonly StoreOptions _options;
    private readonly WatchHub _hub;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;
    private long _batches;

    public StoreEngine(IDurableLog log, StoreSnapshot initial, StoreOptions options)
    {
        options.Validate();
        _log = log;
        _options = options;
        _hub = new WatchHub(initial, options);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "kinet-store-writer" };
        _writer.Start();
    }

    public long Revision => _hub.Snapshot.Revision;

    /// <summary>How many batches reached the durable log (for tests of group commit).</summary>
    internal long BatchesCommitted => Interlocked.Read(ref _batches);

    public long OldestWatchableRevision => _hub.OldestWatchableRevision;

    public StoredObject? Get(string resource, string ns, string name) => _hub.Snapshot.Get(resource, ns, name);

    public ListResult List(string resource, string? ns, string? after = null, int limit = 0, Func<StoredObject, bool>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return _hub.Snapshot.List(resource, ns, after, limit, filter);
    }

    public IWatch Watch(string resource, string? ns, long afterRevision) => _hub.Watch(resource, ns, afterRevision);

    public Task<StoredObject> CommitAsync(Mutation mutation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        if (mutation.Kind != MutationKind.Delete && mutation.Build is null)
            throw new ArgumentException($"{mutation.Kind} needs Build", nameof(mutation));
        if (ct.IsCancellationRequested) return Task.FromCanceled<StoredObject>(ct);
        var pending = new PendingWrite(mutation, ct);
        if (!_queue.Writer.TryWrite(pending)) return Task.FromException<StoredObject>(new ObjectDisposedException(nameof(IObjectStore)));
        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // From inside a Build callback this would wait for itself.
        if (Thread.CurrentThread == _writer) throw new InvalidOperationException("the store cannot be disposed from a mutation's Build");
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Writer.TryComplete();
        await _writerDone.Task.ConfigureAwait(false);
        _hub.Close();
        _log.Dispose();
    }

    private void WriteLoop()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        try
        {
            var reader = _queue.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                // Stop at the first write queued after DisposeAsync began; the rest fail below.
                while (Volatile.Read(ref _disposed) == 0 && batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
                    if (pending.TryClaim()) batch.Add(pending);
                if (batch.Count > 0) CommitBatch(batch);
                batch.Clear();
                if (Volatile.Read(ref _disposed) != 0) break;
            }
            while (reader.TryRead(out var pending))
                if (pending.TryClaim()) pending.Fail(new ObjectDisposedException(nameof(IObjectStore)));
            _writerDone.TrySetResult();
        }
        catch (Exception e)
        {
            // Unreachable unless the engine itself is broken; fail what is left rather than hang callers forever.
            foreach (var pending in batch) pending.Fail(e);
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
                if (pending.TryClaim()) pending.Fail(e);
            _writerDone.TrySetResult();
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        var snapshot = _hub.Snapshot;
        var revision = snapshot.Revision;
        // Objects written earlier in this batch, so later mutations see them (null: deleted in this batch).
        var written = new Dictionary<(string, string, string), StoredObject?>();
        var changes = new List<ChangeEvent>(batch.Count);
        var accepted = new List<PendingWrite>(batch.Count);
        foreach (var pending in batch)
        {
            var m = pending.Mutation;
            var key = (m.Resource, m.Namespace, m.Name);
            var current = written.TryGetValue(key, out var w) ? w : snapshot.Get(m.Resource, m.Namespace, m.Name);
            ChangeEvent change;
            try
            {
                change = MutationRules.Apply(m, current, revision + 1);
            }
            catch (Exception e)
            {
                pending.Fail(e);
                continue;
            }
            revision++;
            written[key] = change.Type == ChangeType.Deleted ? null : change.Object;
            changes.Add(change);
            accepted.Add(pending);
        }
        if (changes.Count == 0) return;

        try
        {
            _log.Append(changes, revision);
        }
        catch (Exception e)
        {
            foreach (var pending in accepted) pending.Fail(e);
            return;
        }
        Interlocked.Increment(ref _batches);
        _hub.Publish(snapshot.Apply(changes, revision), changes);
        for (var i = 0; i < accepted.Count; i++) accepted[i].Succeed(changes[i].Object);
    }
}
