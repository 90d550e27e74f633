// Commands on clusters whose daemon is not running: absent, or stopped with state kept (what a crash leaves).
using Kinet.Cli.Clusters;
using Kinet.Cli.Commands;
using Kinet.Cli.Kubeconfig;
using Kinet.Cli.Security;

namespace Kinet.Cli.Tests.Commands;

public class StoppedClusterTests
{
    private static ClusterDirectory StoppedCluster(CliRun cli, string name, int port)
    {
        var dir = cli.Cluster(name);
        ClusterCredentials.Create(dir, DateTimeOffset.UtcNow);
        StateFiles.Write(dir.Port, $"{port}\n");
        StateFiles.Write(dir.Pid, $"{int.MaxValue}\n"); // stale pid of a crashed daemon
        return dir;
    }

    [Fact]
    public async Task Down_of_a_cluster_that_does_not_exist_succeeds_like_kind()
    {
        using var cli = new CliRun();
        var (code, stdout, stderr) = await cli.RunAsync("down", "--name", "ghost");
        Assert.Equal(0, code);
        Assert.Equal("Deleting cluster \"ghost\" ...\n", stdout);
        Assert.Empty(stderr);
        Assert.False(File.Exists(cli.Kubeconfig));
    }

    [Fact]
    public async Task Down_removes_the_state_and_only_its_own_kubeconfig_entries()
    {
        using var cli = new CliRun();
        var dir = StoppedCluster(cli, "dev", 6450);
        StoppedCluster(cli, "other", 6451);
        ClusterKubeconfig.Merge(cli.Kubeconfig, ClusterKubeconfig.EntryFor(cli.Cluster("other")));
        ClusterKubeconfig.Merge(cli.Kubeconfig, ClusterKubeconfig.EntryFor(dir));

        var (code, _, _) = await cli.RunAsync("down", "--name", "dev");

        Assert.Equal(0, code);
        Assert.False(dir.Exists);
        Assert.True(cli.Cluster("other").Exists);
        var doc = KubeconfigDocument.Load(cli.Kubeconfig);
        Assert.Equal(["kinet-other"], doc.Names("contexts"));
        Assert.Equal("", doc.CurrentContext);
        Assert.Equal(StateFiles.Private, File.GetUnixFileMode(cli.Kubeconfig));
    }

    [Fact]
    public async Task Status_tells_a_stopped_cluster_from_a_missing_one()
    {
        using var cli = new CliRun();
        StoppedCluster(cli, "dev", 6450);

        var stopped = await cli.RunAsync("status", "--name", "dev");
        var missing = await cli.RunAsync("status", "--name", "ghost");

        Assert.Equal(1, stopped.ExitCode);
        Assert.StartsWith("Cluster \"dev\" is stopped", stopped.Stdout);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Cluster \"ghost\" does not exist\n", missing.Stdout);
    }

    [Fact]
    public async Task Kubeconfig_prints_a_config_the_official_client_can_use()
    {
        using var cli = new CliRun();
        var dir = StoppedCluster(cli, "dev", 6450);

        var (code, stdout, _) = await cli.RunAsync("kubeconfig", "--name", "dev");

        Assert.Equal(0, code);
        var config = k8s.KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(stdout);
        Assert.Equal("kinet-dev", config.CurrentContext);
        var client = k8s.KubernetesClientConfiguration.BuildConfigFromConfigObject(config);
        Assert.Equal("https://127.0.0.1:6450", client.Host.TrimEnd('/'));
        Assert.Equal(dir.ReadToken(), client.AccessToken);
        using var ca = ClusterCredentials.LoadCa(dir);
        Assert.Equal(ca.Thumbprint, Assert.Single(client.SslCaCerts).Thumbprint);
        Assert.False(File.Exists(cli.Kubeconfig), "printing must not write the kubeconfig");
    }

    [Fact]
    public async Task Kubeconfig_of_a_missing_cluster_is_an_error()
    {
        using var cli = new CliRun();
        var (code, _, stderr) = await cli.RunAsync("kubeconfig", "--name", "ghost");
        Assert.Equal(1, code);
        Assert.Equal("ERROR: cluster \"ghost\" does not exist\n", stderr);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(192, "3m12s")]
    [InlineData(7500, "2h5m")]
    [InlineData(273600, "3d4h")]
    public void Uptime_reads_like_a_kubectl_age(int seconds, string expected) =>
        Assert.Equal(expected, StatusCommand.Uptime(TimeSpan.FromSeconds(seconds)));
}
