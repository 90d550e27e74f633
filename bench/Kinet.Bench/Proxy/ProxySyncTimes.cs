// `proxy-sync [services]`: the proxy sync benchmark's cases timed directly, wall clock and process CPU time side by
// side, for a loaded machine where BenchmarkDotNet's wall-clock figures mostly measure the other processes.
using System.Diagnostics;

namespace Kinet.Bench.Proxy;

public static class ProxySyncTimes
{
    public static int Run(int services)
    {
        var bench = new ProxySyncBench { Services = services };
        bench.Setup();
        Time($"full sync rendered only ({services} services)", 3, () => bench.FullSyncRenderOnly());
        Time($"full sync applied ({services} services)", 3, () => bench.FullSyncApplied());
        Time($"full sync script ({services} services)", 3, () => bench.FullSyncScript());
        Time($"one endpoint changed ({services} services)", 50, () => bench.OneEndpointChanged());
        return 0;
    }

    private static void Time(string what, int runs, Func<int> action)
    {
        action();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
            action();
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        Console.WriteLine($"{what}: wall {wall.Elapsed.TotalMilliseconds / runs:F2} ms, cpu {cpu.TotalMilliseconds / runs:F2} ms (mean of {runs})");
    }
}
