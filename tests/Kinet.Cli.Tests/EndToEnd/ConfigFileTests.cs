// End to end: `kinet up --config FILE` keeps the kind cluster config with the cluster and the daemon sees it.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.EndToEnd;

public class ConfigFileTests
{
    private const string KindConfig = """
        kind: Cluster
        apiVersion: kind.x-k8s.io/v1alpha4
        nodes:
        - role: control-plane
        - role: worker
        """;

    [Fact]
    public async Task The_config_is_stored_with_the_cluster_and_announced_by_the_daemon()
    {
        var cluster = new KinetCluster();
        try
        {
            var file = Path.Combine(cluster.Root, "kind.yaml");
            File.WriteAllText(file, KindConfig);

            await cluster.Up("--config", file);

            Assert.Equal(KindConfig, File.ReadAllText(Path.Combine(cluster.StateDirectory, "cluster.yaml")));
            Assert.Contains("cluster config", File.ReadAllText(Path.Combine(cluster.StateDirectory, "daemon.log")));
            var again = await cluster.Kinet("up", "--name", cluster.Name, "--config", file);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("--config is not applied to a running cluster", again.Stderr);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
