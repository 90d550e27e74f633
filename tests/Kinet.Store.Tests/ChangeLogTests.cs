// The change log's ring buffer: what it still holds after wrapping around, and where watches may start.
using Kinet.Store.Core;
using static Kinet.Store.Tests.TestObjects;

namespace Kinet.Store.Tests;

public sealed class ChangeLogTests
{
    // A log of capacity 4 that started at revision 100 and received revisions 101..110.
    public static TheoryData<long, string> Replays => new()
    {
        { 106, "107 108 109 110" },
        { 108, "109 110" },
        { 110, "" },
        { 200, "" },
    };

    [Theory]
    [MemberData(nameof(Replays))]
    public void After_a_wrap_around_the_log_returns_the_newest_events_after_a_revision(long after, string revisions)
    {
        var log = Filled(capacity: 4, maxBytes: long.MaxValue, from: 101, to: 110);
        Assert.Equal(106, log.OldestWatchableRevision);
        Assert.Equal(revisions, string.Join(' ', log.After(after).Select(e => e.Revision)));
    }

    [Fact]
    public void An_empty_log_can_be_watched_from_its_start_revision()
    {
        var log = new ChangeLog(startRevision: 42, capacity: 10, maxBytes: 1000);
        Assert.Equal(42, log.OldestWatchableRevision);
        Assert.Empty(log.After(42));
    }

    [Fact]
    public void The_byte_bound_evicts_the_oldest_events_first()
    {
        var size = Event(1).Object.Json.Length;
        var log = Filled(capacity: 100, maxBytes: 3 * size, from: 1, to: 10);
        Assert.Equal(3, log.Count);
        Assert.Equal(7, log.OldestWatchableRevision);
    }

    private static ChangeLog Filled(int capacity, long maxBytes, long from, long to)
    {
        var log = new ChangeLog(from - 1, capacity, maxBytes);
        for (var r = from; r <= to; r++) log.Append(Event(r));
        return log;
    }

    // Revisions 1..999 so that every event has the same size.
    private static ChangeEvent Event(long revision) =>
        new(ChangeType.Added, new StoredObject(Pods, "default", "p", revision, Json("default", "p", revision % 1000 + 1000, "v")));
}
