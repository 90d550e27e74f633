// End to end: a daemon killed with SIGKILL (a crash) comes back with `kinet up` from the same state and store.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.EndToEnd;

public class CrashRecoveryTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    [Fact]
    public async Task Up_after_a_killed_daemon_restarts_it_with_the_same_ca_token_and_objects()
    {
        var created = await cluster.Kubectl("create", "namespace", "survivor");
        Assert.True(created.ExitCode == 0, created.ToString());
        string Read(string file) => File.ReadAllText(Path.Combine(cluster.StateDirectory, file));
        var (ca, token) = (Read("ca.crt"), Read("token"));
        var oldPid = cluster.DaemonPid;

        await cluster.KillDaemon();
        var stopped = await cluster.Kinet("status", "--name", cluster.Name);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("is stopped", stopped.Stdout);

        var up = await cluster.Kinet("up", "--name", cluster.Name);
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains("from its saved state", up.Stdout);

        Assert.NotEqual(oldPid, cluster.DaemonPid);
        Assert.Equal((ca, token), (Read("ca.crt"), Read("token")));
        // The port is the old one when still free; tests running beside this one may have taken it meanwhile,
        // so what must hold is that the kubeconfig follows the port actually served.
        var server = await cluster.Kubectl("config", "view", "-o", "jsonpath={.clusters[0].cluster.server}");
        Assert.Equal($"https://127.0.0.1:{Read("port").Trim()}", server.Stdout.Trim());
        var get = await cluster.Kubectl("get", "namespace", "survivor", "-o", "name");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("namespace/survivor", get.Stdout.Trim());
    }
}
