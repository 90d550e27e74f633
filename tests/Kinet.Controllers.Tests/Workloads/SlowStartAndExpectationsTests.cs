// The two throttles of the ReplicaSet controller: slow-start batches and pod expectations.
using Kinet.Controllers.Workloads;

namespace Kinet.Controllers.Tests.Workloads;

public class SlowStartAndExpectationsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Slow_start_runs_doubling_batches_and_stops_after_the_batch_that_failed()
    {
        var calls = 0;
        var (succeeded, error) = await SlowStart.RunAsync(10, () =>
        {
            if (Interlocked.Increment(ref calls) == 4) throw new InvalidOperationException("quota");
            return Task.CompletedTask;
        });
        Assert.Equal(7, calls);        // batches of 1, 2 and 4; the batch of 3 left never starts
        Assert.Equal(6, succeeded);
        Assert.Equal("quota", error!.Message);
    }

    [Fact]
    public async Task Slow_start_does_all_calls_when_none_fail()
    {
        var calls = 0;
        var (succeeded, error) = await SlowStart.RunAsync(1000, () => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        Assert.Equal((1000, 1000), (calls, succeeded));
        Assert.Null(error);
    }

    [Fact]
    public void Expectations_are_met_once_every_creation_is_observed()
    {
        var e = new PodExpectations(new ManualClock());
        Assert.True(e.Satisfied("default/web"));
        e.ExpectCreations("default/web", 2);
        e.CreationObserved("default/web");
        Assert.False(e.Satisfied("default/web"));
        e.CreationObserved("default/web");
        Assert.True(e.Satisfied("default/web"));
    }

    [Fact]
    public void Only_the_expected_deletions_count_and_each_only_once()
    {
        var e = new PodExpectations(new ManualClock());
        e.ExpectDeletions("default/web", ["default/web-a", "default/web-b"]);
        e.DeletionObserved("default/web", "default/web-a");
        e.DeletionObserved("default/web", "default/web-a");
        e.DeletionObserved("default/web", "default/other");
        Assert.False(e.Satisfied("default/web"));
        e.DeletionObserved("default/web", "default/web-b");
        Assert.True(e.Satisfied("default/web"));
    }

    [Fact]
    public void Expectations_never_seen_expire_after_five_minutes()
    {
        var clock = new ManualClock();
        var e = new PodExpectations(clock);
        e.ExpectCreations("default/web", 1);
        clock.Now += TimeSpan.FromMinutes(5);
        Assert.False(e.Satisfied("default/web"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.True(e.Satisfied("default/web"));
    }
}
