namespace Kinet.Cli.Tests.Harness;

public sealed class StaleClusterSweeperTests : IDisposable
{
    // A private parent, so the real sweep of a concurrently starting KinetCluster never sees these directories.
    private readonly TempDirectory _parent = new("kinet-sweeper-test-");

    private string NewRoot() => Directory.CreateDirectory(_parent.Combine(StaleClusterSweeper.Prefix + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose() => _parent.Dispose();

    [Fact]
    public void Clusters_of_a_dead_test_process_are_downed_and_their_directory_removed()
    {
        var root = NewRoot();
        Directory.CreateDirectory(Path.Combine(root, "home", "clusters", "kt-dead0001"));
        File.WriteAllText(Path.Combine(root, StaleClusterSweeper.OwnerFile), $"{int.MaxValue}\n"); // no such process
        var downed = new List<(string, string)>();

        StaleClusterSweeper.Sweep(_parent.Path, (r, name) => { downed.Add((r, name)); return new KubectlResult(0, "", ""); });

        Assert.Contains((root, "kt-dead0001"), downed);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Clusters_of_a_live_test_process_are_left_alone()
    {
        var root = NewRoot();
        Directory.CreateDirectory(Path.Combine(root, "home", "clusters", "kt-live0001"));
        File.WriteAllText(Path.Combine(root, StaleClusterSweeper.OwnerFile), "1\n"); // init: always alive
        var downed = new List<string>();

        StaleClusterSweeper.Sweep(_parent.Path, (_, name) => { downed.Add(name); return new KubectlResult(0, "", ""); });

        Assert.DoesNotContain("kt-live0001", downed);
        Assert.True(Directory.Exists(root));
    }
}
