// Waiting for the cluster to converge in acceptance tests: polls until a condition holds. The bound is generous and only
// fails a test whose condition never comes true; no test asserts on speed.
namespace Kinet.Cli.Tests.Harness;

public static class Poll
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="probe"/> until it returns a value <paramref name="done"/> accepts; returns it, or fails with the last value seen.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(150);
        }
        Assert.Fail($"{what}: still not so after {Patience.TotalSeconds} s; last seen:\n{last}");
        return last;
    }
}
