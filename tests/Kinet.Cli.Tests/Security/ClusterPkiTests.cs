using System.Security.Cryptography.X509Certificates;
using Kinet.Cli.Security;

namespace Kinet.Cli.Tests.Security;

public class ClusterPkiTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_serving_certificate_names_loopback_and_the_kubernetes_service()
    {
        using var ca = ClusterPki.CreateCa("t", Now);
        using var serving = ClusterPki.IssueServing(ca, Now);
        var san = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(
            ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost"],
            san.EnumerateDnsNames().Order(StringComparer.Ordinal));
        Assert.Equal(["10.96.0.1", "127.0.0.1"], san.EnumerateIPAddresses().Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_serving_certificate_chains_to_its_own_ca_only()
    {
        using var ca = ClusterPki.CreateCa("t", Now);
        using var other = ClusterPki.CreateCa("other", Now);
        using var serving = ClusterPki.IssueServing(ca, DateTimeOffset.UtcNow);
        Assert.True(ClusterPki.IsIssuedBy(serving, ca));
        Assert.False(ClusterPki.IsIssuedBy(serving, other));
    }

    [Fact]
    public void Validity_is_ten_years_for_the_ca_and_one_year_for_the_serving_certificate()
    {
        using var ca = ClusterPki.CreateCa("t", Now);
        using var serving = ClusterPki.IssueServing(ca, Now);
        Assert.Equal(Now.AddDays(3650).UtcDateTime, ca.NotAfter.ToUniversalTime());
        Assert.Equal(Now.AddDays(365).UtcDateTime, serving.NotAfter.ToUniversalTime());
        Assert.True(ca.NotBefore.ToUniversalTime() <= Now.UtcDateTime && serving.NotBefore.ToUniversalTime() <= Now.UtcDateTime);
    }

    [Fact]
    public void Only_the_ca_may_sign_certificates()
    {
        using var ca = ClusterPki.CreateCa("t", Now);
        using var serving = ClusterPki.IssueServing(ca, Now);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.False(serving.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal("1.3.6.1.5.5.7.3.1", serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value);
        Assert.Equal("CN=kinet-t-ca", ca.Subject);
    }

    [Fact]
    public void Pem_round_trips_with_the_private_key()
    {
        using var ca = ClusterPki.CreateCa("t", Now);
        using var serving = ClusterPki.IssueServing(ca, Now);
        using var loaded = X509Certificate2.CreateFromPem(ClusterPki.CertificatePem(serving), ClusterPki.PrivateKeyPem(serving));
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(serving.Thumbprint, loaded.Thumbprint);
    }
}
