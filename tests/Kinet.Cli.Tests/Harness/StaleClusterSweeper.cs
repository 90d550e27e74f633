// Cleans up after test runs that were killed before their teardown could run (SIGKILL of the test host, a CI
// timeout): every test cluster's temp directory records the pid of the test process that owns it, and the first
// KinetCluster of a later run downs the clusters of owners that are gone. Directories of live owners are left alone.
namespace Kinet.Cli.Tests.Harness;

internal static class StaleClusterSweeper
{
    public const string Prefix = "kinet-e2e-";
    public const string OwnerFile = "owner.pid";

    /// <param name="parent">Where test clusters' directories are created (the system temp directory).</param>
    public static void Sweep(string parent, Func<string, string, KubectlResult> down)
    {
        foreach (var root in Directory.EnumerateDirectories(parent, Prefix + "*"))
        {
            if (!IsOrphan(root)) continue;
            var clusters = Path.Combine(root, "home", "clusters");
            if (Directory.Exists(clusters))
                foreach (var cluster in Directory.EnumerateDirectories(clusters))
                    down(root, Path.GetFileName(cluster));
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public static void ClaimOwnership(string root) =>
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId + "\n");

    private static bool IsOrphan(string root)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(root, OwnerFile)).Trim(), out var owner)
                && owner != Environment.ProcessId && !Cli.Native.Libc.Exists(owner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
