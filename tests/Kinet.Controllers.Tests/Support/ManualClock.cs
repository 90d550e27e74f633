// A clock tests move by hand (only GetUtcNow; timers run on real time).
namespace Kinet.Controllers.Tests.Support;

public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
