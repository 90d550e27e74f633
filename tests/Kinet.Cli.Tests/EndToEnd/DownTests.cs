// End to end: `kinet down` stops the daemon and removes the cluster, its state and only its own kubeconfig entries.
using Kinet.Cli.Kubeconfig;
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.EndToEnd;

public class DownTests
{
    private const string OtherKubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            server: https://prod.example:6443
          name: prod
        contexts:
        - context:
            cluster: prod
            user: prod
          name: prod
        current-context: prod
        users:
        - name: prod
          user:
            token: abc
        """;

    [Fact]
    public async Task Down_stops_the_daemon_and_removes_everything_it_added()
    {
        var cluster = new KinetCluster();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cluster.KubeconfigPath)!);
            File.WriteAllText(cluster.KubeconfigPath, OtherKubeconfig);
            await cluster.InitializeAsync();
            var pid = cluster.DaemonPid!.Value;
            Assert.Equal(["prod", cluster.Context], KubeconfigDocument.Load(cluster.KubeconfigPath).Names("contexts"));

            var down = await cluster.Kinet("down", "--name", cluster.Name);

            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal($"Deleting cluster \"{cluster.Name}\" ...\n", down.Stdout);
            Assert.False(File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains(cluster.Name), "daemon still running");
            Assert.False(Directory.Exists(cluster.StateDirectory));
            var doc = KubeconfigDocument.Load(cluster.KubeconfigPath);
            Assert.Equal(["prod"], doc.Names("contexts"));
            Assert.Equal(["prod"], doc.Names("clusters"));
            Assert.Equal("", doc.CurrentContext);

            var again = await cluster.Kinet("down", "--name", cluster.Name);
            Assert.Equal(0, again.ExitCode);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
