// End to end: a cluster brought up by the built CLI, driven by the real kubectl.
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Kinet.Cli.Security;
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.EndToEnd;

public class RunningClusterTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    private int Port => int.Parse(File.ReadAllText(Path.Combine(cluster.StateDirectory, "port")).Trim());

    [Fact]
    public async Task Kubectl_reaches_the_new_cluster_through_the_merged_kubeconfig()
    {
        var version = await cluster.Kubectl("version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Contains("Server Version: v1.32", version.Stdout);

        var namespaces = await cluster.Kubectl("get", "namespaces", "-o", "name");
        Assert.True(namespaces.ExitCode == 0, namespaces.ToString());
        Assert.Contains("namespace/default", namespaces.Stdout);
    }

    [Fact]
    public async Task The_kubeconfig_is_private_and_points_at_the_cluster()
    {
        Assert.Equal(StateFiles.Private, File.GetUnixFileMode(cluster.KubeconfigPath));
        var context = await cluster.Kubectl("config", "current-context");
        Assert.Equal(cluster.Context, context.Stdout.Trim());
        var server = await cluster.Kubectl("config", "view", "-o", "jsonpath={.clusters[0].cluster.server}");
        Assert.Equal($"https://127.0.0.1:{Port}", server.Stdout.Trim());
    }

    [Fact]
    public async Task Up_again_while_running_keeps_the_same_daemon()
    {
        var pid = cluster.DaemonPid;
        var again = await cluster.Kinet("up", "--name", cluster.Name);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already running", again.Stdout);
        Assert.Equal(pid, cluster.DaemonPid);
    }

    [Fact]
    public async Task Status_shows_the_running_daemon_and_its_url()
    {
        var status = await cluster.Kinet("status", "--name", cluster.Name);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"Cluster \"{cluster.Name}\" is running", status.Stdout);
        Assert.Contains($"pid:      {cluster.DaemonPid}", status.Stdout);
        Assert.Contains($"https://127.0.0.1:{Port} (ready)", status.Stdout);
    }

    [Fact]
    public async Task The_printed_kubeconfig_works_on_its_own()
    {
        var printed = await cluster.Kinet("kubeconfig", "--name", cluster.Name);
        Assert.True(printed.ExitCode == 0, printed.ToString());
        var file = Path.Combine(cluster.Root, "printed-kubeconfig");
        File.WriteAllText(file, printed.Stdout);
        var get = await cluster.Kubectl("--kubeconfig", file, "get", "namespace", "default", "-o", "name");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("namespace/default", get.Stdout.Trim());
    }

    [Fact]
    public async Task The_api_serves_a_certificate_from_the_cluster_ca_naming_the_kubernetes_service()
    {
        X509Certificate2? served = null;
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", Port);
            using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            {
                served = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
                return true;
            });
            await tls.AuthenticateAsClientAsync("kubernetes.default.svc");
        }
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(cluster.StateDirectory, "ca.crt")));
        Assert.NotNull(served);
        Assert.True(ClusterPki.IsIssuedBy(served, ca));
        var san = served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("kubernetes.default.svc.cluster.local", san.EnumerateDnsNames());
        Assert.Contains("10.96.0.1", san.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.True(served.NotAfter > DateTime.Now.AddDays(300));
        served.Dispose();
    }

    [Fact]
    public async Task A_wrong_token_is_refused()
    {
        var refused = await cluster.Kubectl("--token", "not-the-token", "get", "namespaces");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Unauthorized", refused.Stderr);
    }
}
