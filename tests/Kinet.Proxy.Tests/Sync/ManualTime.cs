// A clock tests move by hand, with timers (Task.Delay(…, TimeProvider) uses them): a timer fires when Advance passes its
// due time. Tests wait for the code under test to arm a timer instead of sleeping.
namespace Kinet.Proxy.Tests.Sync;

internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Timer> _timers = [];
    private readonly List<(DateTimeOffset At, TaskCompletionSource Done)> _waiters = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var t = new Timer(this, callback, state);
        t.Change(dueTime, period);
        return t;
    }

    /// <summary>Completes once some armed timer is due at or before <paramref name="at"/>.</summary>
    public Task TimerArmedBy(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_timers.Any(t => t.Due <= at)) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((at, done));
            return done.Task;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var t in due) _timers.Remove(t);
        }
        foreach (var t in due) t.Fire();
    }

    private void Armed(Timer t)
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _timers.Remove(t);
            if (t.Due == DateTimeOffset.MaxValue) return;
            _timers.Add(t);
            ready = _waiters.Where(w => t.Due <= w.At).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => t.Due <= w.At);
        }
        foreach (var r in ready) r.TrySetResult();
    }

    private void Disarmed(Timer t)
    {
        lock (_gate) _timers.Remove(t);
    }

    private sealed class Timer(ManualTime time, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : time.GetUtcNow() + dueTime;
            time.Armed(this);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => time.Disarmed(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
