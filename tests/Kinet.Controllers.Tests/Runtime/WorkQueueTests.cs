// The work queue's contract: dedup while queued, re-processing of items added while in flight, back-off growth.
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.Tests.Runtime;

public class WorkQueueTests
{
    [Fact]
    public async Task An_item_queued_twice_is_taken_once()
    {
        using var q = new WorkQueue<string>();
        q.Add("a");
        q.Add("a");
        q.Add("b");
        Assert.Equal(2, q.Count);
        Assert.Equal("a", await q.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await q.TakeAsync(CancellationToken.None));
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public async Task An_item_added_while_processing_comes_back_after_done()
    {
        using var q = new WorkQueue<string>();
        q.Add("a");
        var a = await q.TakeAsync(CancellationToken.None);
        q.Add("a");
        Assert.Equal(0, q.Count); // not handed to a second worker while the first still has it
        q.Done(a);
        Assert.Equal(1, q.Count);
        Assert.Equal("a", await q.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public void Back_off_doubles_per_failure_until_forgotten()
    {
        using var q = new WorkQueue<string>(baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(30));
        Assert.Equal(TimeSpan.FromMilliseconds(5), q.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), q.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), q.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(30), q.AddRateLimited("a"));
        q.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), q.AddRateLimited("a"));
    }

    [Fact]
    public async Task A_delayed_item_arrives()
    {
        using var q = new WorkQueue<string>();
        q.AddAfter("later", TimeSpan.FromMilliseconds(20));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("later", await q.TakeAsync(cts.Token));
    }

    [Fact]
    public async Task Taking_from_a_shut_down_queue_ends()
    {
        var q = new WorkQueue<string>();
        var take = q.TakeAsync(CancellationToken.None);
        q.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take);
    }

    [Fact]
    public async Task A_shorter_delay_overrides_a_longer_one_for_the_same_item()
    {
        using var q = new WorkQueue<string>();
        q.AddAfter("x", TimeSpan.FromHours(1));
        q.AddAfter("x", TimeSpan.FromMilliseconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("x", await q.TakeAsync(cts.Token));
    }

    [Fact]
    public async Task Coalesced_adds_are_immediate_once_per_interval_and_wait_otherwise()
    {
        var clock = new Support.ManualClock(DateTimeOffset.Parse("2026-11-26T10:00:00Z"));
        using var q = new WorkQueue<string>(clock);
        q.AddCoalesced("svc", TimeSpan.FromHours(1));
        Assert.Equal(1, q.Count); // never processed: at once
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("svc", await q.TakeAsync(cts.Token));
        q.Done("svc");

        q.AddCoalesced("svc", TimeSpan.FromHours(1));
        q.AddCoalesced("svc", TimeSpan.FromHours(1));
        Assert.Equal(0, q.Count); // processed a moment ago: waits for the rest of the hour
        q.AddCoalesced("other", TimeSpan.FromHours(1));
        Assert.Equal(1, q.Count); // keys are independent

        clock.Advance(TimeSpan.FromHours(1));
        q.AddCoalesced("svc", TimeSpan.FromHours(1));
        Assert.Equal(2, q.Count);
    }
}
