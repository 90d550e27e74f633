// Polls a condition that the system reaches asynchronously (watches, rebuilds); fails with the last observation.
namespace Kinet.Dns.Tests.Support;

internal static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> observe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await observe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what}: still {value}");
            await Task.Delay(50);
        }
    }
}
