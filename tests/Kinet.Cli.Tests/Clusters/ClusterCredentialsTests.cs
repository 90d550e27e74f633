using System.Security.Cryptography.X509Certificates;
using Kinet.Cli.Clusters;
using Kinet.Cli.Security;

namespace Kinet.Cli.Tests.Clusters;

public class ClusterCredentialsTests
{
    [Fact]
    public void Secrets_are_readable_by_the_owner_only()
    {
        using var temp = new TempDirectory();
        var dir = ClusterDirectory.For(temp.Path, "t");
        ClusterCredentials.Create(dir, DateTimeOffset.UtcNow);

        Assert.Equal(StateFiles.PrivateDirectory, File.GetUnixFileMode(dir.Root));
        foreach (var secret in new[] { dir.CaKey, dir.ServingKey, dir.Token })
            Assert.Equal(StateFiles.Private, File.GetUnixFileMode(secret));
        Assert.Equal(StateFiles.Public, File.GetUnixFileMode(dir.CaCertificate));
        Assert.True(dir.HasCredentials);
    }

    [Fact]
    public void Each_cluster_gets_its_own_random_token()
    {
        using var temp = new TempDirectory();
        var a = ClusterDirectory.For(temp.Path, "a");
        var b = ClusterDirectory.For(temp.Path, "b");
        ClusterCredentials.Create(a, DateTimeOffset.UtcNow);
        ClusterCredentials.Create(b, DateTimeOffset.UtcNow);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", a.ReadToken());
        Assert.NotEqual(a.ReadToken(), b.ReadToken());
    }

    [Fact]
    public void A_serving_certificate_near_expiry_is_reissued_by_the_same_ca()
    {
        using var temp = new TempDirectory();
        var dir = ClusterDirectory.For(temp.Path, "t");
        var created = DateTimeOffset.UtcNow;
        ClusterCredentials.Create(dir, created);
        var caBefore = File.ReadAllText(dir.CaCertificate);
        var servingBefore = File.ReadAllText(dir.ServingCertificate);

        ClusterCredentials.RenewIfNeeded(dir, created.AddDays(100));
        Assert.Equal(servingBefore, File.ReadAllText(dir.ServingCertificate));

        ClusterCredentials.RenewIfNeeded(dir, created.AddDays(340));
        Assert.NotEqual(servingBefore, File.ReadAllText(dir.ServingCertificate));
        Assert.Equal(caBefore, File.ReadAllText(dir.CaCertificate));
        using var ca = ClusterCredentials.LoadCa(dir);
        using var serving = ClusterCredentials.LoadServing(dir);
        Assert.True(serving.HasPrivateKey);
        Assert.Equal(ca.Subject, serving.Issuer);
    }

    [Fact]
    public void The_state_files_live_under_clusters_and_the_name()
    {
        var dir = ClusterDirectory.For("/h", "dev");
        Assert.Equal("/h/clusters/dev", dir.Root);
        Assert.Equal(
            ["ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "token", "store.db", "daemon.pid", "port", "daemon.log"],
            new[] { dir.CaCertificate, dir.CaKey, dir.ServingCertificate, dir.ServingKey, dir.Token, dir.Store, dir.Pid, dir.Port, dir.Log }
                .Select(Path.GetFileName));
    }
}
