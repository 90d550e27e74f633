// A clock whose timers fire only when a test advances it (ManualClock's GetUtcNow plus timers), so back-offs, probe
// periods and retries run on test time. Callbacks run on the advancing thread; what they start runs on the pool, so
// tests wait for the effect with Eventually and, before advancing, for the timer they mean to fire (WaitForTimerAsync).
namespace Kinet.Controllers.Tests.Lifecycle;

public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<StepTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new StepTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing every timer that falls due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            StepTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null) { _now = target; return; }
                if (next.Due > _now) _now = next.Due;
                if (next.Period > TimeSpan.Zero) next.Due = _now + next.Period;
                else _timers.Remove(next);
            }
            next.Fire();
        }
    }

    /// <summary>Waits (on real time, generously) until a timer is due exactly <paramref name="dueIn"/> from now: the one
    /// the test means, not another that happens to be due earlier.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueIn, string what = "a timer")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            lock (_gate)
                if (_timers.Any(t => t.Due == _now + dueIn)) return;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"no timer due in {dueIn}: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>Waits for a timer due exactly <paramref name="by"/> from now, then advances by it.</summary>
    public async Task StepAsync(TimeSpan by, string what = "a timer")
    {
        await WaitForTimerAsync(by, what);
        Advance(by);
    }

    private sealed class StepTimer(SteppedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }
        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                clock._timers.Add(this);
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
