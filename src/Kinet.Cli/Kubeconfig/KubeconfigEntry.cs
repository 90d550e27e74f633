// What a kinet cluster contributes to a kubeconfig: one cluster, one user and one context, all named kinet-<name>.
namespace Kinet.Cli.Kubeconfig;

internal sealed record KubeconfigEntry(string Name, string Server, string CertificateAuthorityPem, string Token)
{
    public string CertificateAuthorityData => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CertificateAuthorityPem));
}
