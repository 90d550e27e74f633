// Creating and loading a cluster's secrets: CA, serving certificate and the admin bearer token.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kinet.Cli.Security;

namespace Kinet.Cli.Clusters;

internal static class ClusterCredentials
{
    /// <summary>The user name the admin token authenticates as (kubeadm's admin.conf user).</summary>
    public const string AdminUser = "kubernetes-admin";

    /// <summary>Serving certificates closer than this to expiry are reissued when the cluster starts.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static void Create(ClusterDirectory dir, DateTimeOffset now)
    {
        Directory.CreateDirectory(dir.Root);
        File.SetUnixFileMode(dir.Root, StateFiles.PrivateDirectory);
        using var ca = ClusterPki.CreateCa(dir.Name, now);
        StateFiles.WriteSecret(dir.CaKey, ClusterPki.PrivateKeyPem(ca));
        StateFiles.Write(dir.CaCertificate, ClusterPki.CertificatePem(ca));
        IssueServing(dir, ca, now);
        StateFiles.WriteSecret(dir.Token, NewToken() + "\n");
    }

    /// <summary>Reissues the serving certificate if it is about to expire; the CA and token stay.</summary>
    public static void RenewIfNeeded(ClusterDirectory dir, DateTimeOffset now)
    {
        using var serving = X509Certificate2.CreateFromPem(File.ReadAllText(dir.ServingCertificate));
        if (serving.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore) return;
        using var ca = X509Certificate2.CreateFromPemFile(dir.CaCertificate, dir.CaKey);
        IssueServing(dir, ca, now);
    }

    public static X509Certificate2 LoadServing(ClusterDirectory dir) =>
        X509Certificate2.CreateFromPemFile(dir.ServingCertificate, dir.ServingKey);

    public static X509Certificate2 LoadCa(ClusterDirectory dir) => X509Certificate2.CreateFromPem(File.ReadAllText(dir.CaCertificate));

    private static void IssueServing(ClusterDirectory dir, X509Certificate2 ca, DateTimeOffset now)
    {
        using var serving = ClusterPki.IssueServing(ca, now);
        StateFiles.WriteSecret(dir.ServingKey, ClusterPki.PrivateKeyPem(serving));
        StateFiles.Write(dir.ServingCertificate, ClusterPki.CertificatePem(serving));
    }

    /// <summary>256 random bits, URL-safe base64 without padding (fits the bearer token grammar).</summary>
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
