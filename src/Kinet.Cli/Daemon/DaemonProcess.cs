// Finding and stopping a cluster's daemon. A pid file alone is not trusted: the pid must be alive and its command line
// must be `kinet daemon --name <name>`, so a stale pid reused by another program is never signalled.
using Kinet.Cli.Clusters;
using Kinet.Cli.Native;

namespace Kinet.Cli.Daemon;

internal static class DaemonProcess
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The pid of the cluster's running daemon, or null.</summary>
    public static int? Find(ClusterDirectory dir) =>
        dir.ReadPid() is { } pid && IsDaemonOf(pid, dir.Name) ? pid : null;

    public static bool IsDaemonOf(int pid, string name)
    {
        if (!Libc.Exists(pid)) return false;
        string[] args;
        try { args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        var daemon = Array.IndexOf(args, "daemon");
        var nameFlag = Array.IndexOf(args, "--name");
        return daemon > 0 && nameFlag > daemon && nameFlag + 1 < args.Length && args[nameFlag + 1] == name && !IsZombie(pid);
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within the timeout. True if a process was stopped.</summary>
    public static async Task<bool> StopAsync(int pid, TimeSpan timeout, CancellationToken ct)
    {
        if (!Libc.Kill(pid, Libc.SIGTERM)) return false;
        if (await WaitExitAsync(pid, timeout, ct)) return true;
        Libc.Kill(pid, Libc.SIGKILL);
        await WaitExitAsync(pid, TimeSpan.FromSeconds(5), ct);
        return true;
    }

    public static async Task<bool> WaitExitAsync(int pid, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Libc.Exists(pid) && !IsZombie(pid))
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(50, ct);
        }
        return true;
    }

    /// <summary>An exited child not yet reaped by its parent still answers kill(pid, 0); it is gone for our purposes.</summary>
    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] == 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return true; }
    }
}
