// Starting `kinet daemon` detached from `kinet up`: stdin from /dev/null, stdout and stderr appended to daemon.log
// (redirected by a one-line sh before exec, so no pipe ties the daemon to its parent), and a new session (the daemon
// calls setsid first thing), so it survives the terminal and the parent exiting.
using System.Diagnostics;
using Kinet.Cli.Clusters;

namespace Kinet.Cli.Daemon;

internal static class DaemonLauncher
{
    public static Process Start(ClusterDirectory dir, string kinetHome)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1");
        start.ArgumentList.Add("kinet-daemon");
        start.ArgumentList.Add(dir.Log);
        foreach (var part in SelfCommand()) start.ArgumentList.Add(part);
        start.ArgumentList.Add("daemon");
        start.ArgumentList.Add("--name");
        start.ArgumentList.Add(dir.Name);
        start.Environment["KINET_HOME"] = kinetHome;
        return Process.Start(start) ?? throw new CliException("could not start the cluster daemon");
    }

    /// <summary>How to run this same kinet again: the apphost when installed as a tool, else `dotnet kinet.dll`.</summary>
    internal static IReadOnlyList<string> SelfCommand()
    {
        var assembly = typeof(DaemonLauncher).Assembly.Location;
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileName(process) == "kinet") return [process];
        var dotnet = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return [dotnet, assembly];
    }
}
