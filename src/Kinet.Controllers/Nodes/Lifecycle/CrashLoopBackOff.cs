// The kubelet's container restart back-off (client-go flowcontrol.Backoff as kuberuntime uses it): 10 s doubling to
// 300 s per container; an entry is forgotten once its container ran for twice the maximum (10 minutes) since the last
// restart, so a container that crashes after running that long starts from 10 s again. Used by one pod's sync loop only.
namespace Kinet.Controllers.Nodes.Lifecycle;

internal sealed class CrashLoopBackOff(TimeSpan initial, TimeSpan max)
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(300);

    private readonly Dictionary<string, (TimeSpan Delay, DateTimeOffset LastUpdate)> _entries = new(StringComparer.Ordinal);

    public CrashLoopBackOff() : this(Initial, Max) { }

    /// <summary>True while a container that ended at <paramref name="eventTime"/> must wait before its restart.</summary>
    public bool IsInBackOffSince(string key, DateTimeOffset eventTime, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var e) && !Expired(eventTime, e.LastUpdate) && now - eventTime < e.Delay;

    /// <summary>Records a restart of a container that ended at <paramref name="eventTime"/>: the next delay doubles.</summary>
    public void Next(string key, DateTimeOffset eventTime, DateTimeOffset now)
    {
        var delay = !_entries.TryGetValue(key, out var e) || Expired(eventTime, e.LastUpdate)
            ? initial
            : TimeSpan.FromTicks(Math.Min((e.Delay * 2).Ticks, max.Ticks));
        _entries[key] = (delay, now);
    }

    /// <summary>The current delay (zero for a container never backed off).</summary>
    public TimeSpan Get(string key) => _entries.TryGetValue(key, out var e) ? e.Delay : TimeSpan.Zero;

    private bool Expired(DateTimeOffset eventTime, DateTimeOffset lastUpdate) => eventTime - lastUpdate > max * 2;
}
