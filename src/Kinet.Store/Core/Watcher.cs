// One watch: the events of one resource (and namespace) after a revision, buffered in an unbounded channel that the hub
// cuts off when the reader falls too far behind.
using System.Threading.Channels;

namespace Kinet.Store.Core;

internal sealed class Watcher(WatchHub hub, string resource, string? ns, long afterRevision, int bufferLimit) : IWatch
{
    private readonly Channel<ChangeEvent> _channel = Channel.CreateUnbounded<ChangeEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private int _limit = bufferLimit;

    public string Resource => resource;

    public ChannelReader<ChangeEvent> Events => _channel.Reader;

    public bool Matches(ChangeEvent change) =>
        change.Revision > afterRevision && (ns is null || ns == change.Object.Namespace);

    /// <summary>Replayed events come before any live one; the backlog they form does not count against the limit.</summary>
    public void Replay(IEnumerable<ChangeEvent> events)
    {
        var replayed = 0;
        foreach (var change in events)
        {
            if (!Matches(change)) continue;
            _channel.Writer.TryWrite(change);
            replayed++;
        }
        _limit += replayed;
    }

    /// <summary>Queues a live event; false when the reader is too far behind and the watch has been completed.</summary>
    public bool Offer(ChangeEvent change)
    {
        _channel.Writer.TryWrite(change);
        if (_channel.Reader.Count <= _limit) return true;
        Complete();
        return false;
    }

    public void Complete() => _channel.Writer.TryComplete();

    public void Dispose() => hub.Remove(this);
}
