// Which processes live in given network namespaces, found by comparing namespace identities (net:[inode]) under /proc,
// without spawning `ip netns pids` once per namespace; and killing them (for `kinet down` after a crashed daemon).
using System.Diagnostics;

namespace Kinet.Node.Network;

internal static class NetnsProcesses
{
    /// <summary>The ids of processes (other than this one) whose network namespace is one of <paramref name="netnsNames"/>.</summary>
    public static async Task<IReadOnlyList<int>> InAsync(IEnumerable<string> netnsNames)
    {
        var identities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in netnsNames)
            if (await IdentityAsync(NetworkNames.NetnsPath(name)).ConfigureAwait(false) is { } id)
                identities.Add(id);
        if (identities.Count == 0)
            return [];
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            string? link;
            try { link = new FileInfo($"{dir}/ns/net").LinkTarget; }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (link is not null && identities.Contains(link))
                pids.Add(pid);
        }
        return pids;
    }

    /// <summary>SIGKILLs the processes and waits (up to <paramref name="patience"/>) until they are gone.</summary>
    public static async Task KillAsync(IReadOnlyList<int> pids, TimeSpan patience, CancellationToken ct)
    {
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException) { } // already gone
            catch (InvalidOperationException) { }
        }
        var until = Stopwatch.StartNew();
        while (pids.Any(pid => Alive(pid)) && until.Elapsed < patience)
            await Task.Delay(20, ct).ConfigureAwait(false);
    }

    // A zombie still has a /proc entry but no namespaces any more; it holds nothing of the cluster.
    private static bool Alive(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/ns/net").LinkTarget is not null; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>net:[inode] of a namespace file (what /proc/&lt;pid&gt;/ns/net links to), or null if it is not one. Read
    /// from inside the namespace: the file itself, a bind mount, reads back as its path.</summary>
    private static async Task<string?> IdentityAsync(string netnsPath)
    {
        try
        {
            return await NetnsThread.RunAsync(netnsPath, () => new FileInfo("/proc/thread-self/ns/net").LinkTarget).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
