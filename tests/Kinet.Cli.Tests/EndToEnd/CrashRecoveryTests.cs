// End to end: a daemon killed with SIGKILL (a crash) comes back with `kinet up` from the same state.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.EndToEnd;

public class CrashRecoveryTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    [Fact]
    public async Task Up_after_a_killed_daemon_restarts_it_with_the_same_ca_token_and_port()
    {
        string Read(string file) => File.ReadAllText(Path.Combine(cluster.StateDirectory, file));
        var (ca, token, port, kubeconfig) = (Read("ca.crt"), Read("token"), Read("port"), File.ReadAllText(cluster.KubeconfigPath));
        var oldPid = cluster.DaemonPid;

        await cluster.KillDaemon();
        var stopped = await cluster.Kinet("status", "--name", cluster.Name);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("is stopped", stopped.Stdout);

        var up = await cluster.Kinet("up", "--name", cluster.Name);
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("from its saved state", up.Stdout);

        Assert.NotEqual(oldPid, cluster.DaemonPid);
        Assert.Equal((ca, token, port), (Read("ca.crt"), Read("token"), Read("port")));
        Assert.Equal(kubeconfig, File.ReadAllText(cluster.KubeconfigPath));
        var get = await cluster.Kubectl("get", "namespace", "default", "-o", "name");
        Assert.True(get.ExitCode == 0, get.ToString());
    }
}
