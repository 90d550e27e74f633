// `kinet status`: whether a cluster is running, and where. Exit 0 when running, 1 otherwise (usable in scripts).
using System.CommandLine;
using Kinet.Cli.Clusters;
using Kinet.Cli.Daemon;

namespace Kinet.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliEnvironment env)
    {
        var name = CommonOptions.Name();
        var command = new Command("status", "Show whether a cluster is running") { name };
        command.SetAction((parse, ct) => RunAsync(env, CommonOptions.ClusterNameOf(parse, name), DateTime.UtcNow, ct));
        return command;
    }

    public static async Task<int> RunAsync(CliEnvironment env, string name, DateTime now, CancellationToken ct)
    {
        var dir = ClusterDirectory.For(env.KinetHome, name);
        if (!dir.HasCredentials)
        {
            env.Out.WriteLine($"Cluster \"{name}\" does not exist");
            return 1;
        }
        if (DaemonProcess.Find(dir) is not { } pid)
        {
            env.Out.WriteLine($"Cluster \"{name}\" is stopped (kinet up --name {name} restarts it from {dir.Root})");
            return 1;
        }
        env.Out.WriteLine($"Cluster \"{name}\" is running");
        env.Out.WriteLine($"  pid:      {pid}");
        env.Out.WriteLine($"  API:      https://127.0.0.1:{dir.ReadPort()} ({await ProbeAsync(dir, ct)})");
        env.Out.WriteLine($"  uptime:   {Uptime(now - File.GetLastWriteTimeUtc(dir.Pid))}");
        env.Out.WriteLine($"  context:  {ClusterName.ContextName(name)}");
        env.Out.WriteLine($"  state:    {dir.Root}");
        return 0;
    }

    /// <summary>"ready", or why the API does not answer although the daemon runs.</summary>
    private static async Task<string> ProbeAsync(ClusterDirectory dir, CancellationToken ct)
    {
        if (dir.ReadPort() is not { } port) return "no port recorded";
        using var ca = ClusterCredentials.LoadCa(dir);
        using var probe = new ReadinessProbe(ca, dir.ReadToken());
        return await probe.CheckAsync(port, ct) is { } problem ? "not ready: " + problem : "ready";
    }

    /// <summary>Go-style short durations, as kubectl shows ages: 45s, 3m12s, 2h5m, 3d4h.</summary>
    internal static string Uptime(TimeSpan t)
    {
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        if (t.TotalMinutes < 1) return $"{(int)t.TotalSeconds}s";
        if (t.TotalHours < 1) return $"{t.Minutes}m{t.Seconds}s";
        if (t.TotalDays < 1) return $"{t.Hours}h{t.Minutes}m";
        return $"{(int)t.TotalDays}d{t.Hours}h";
    }
}
