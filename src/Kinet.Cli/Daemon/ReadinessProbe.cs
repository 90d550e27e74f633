// "Does the API answer?": GET /readyz over HTTPS, trusting only the cluster's CA and requiring the certificate to name
// 127.0.0.1 — the same checks kubectl will make with the kubeconfig we write.
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kinet.Cli.Daemon;

internal sealed class ReadinessProbe : IDisposable
{
    private readonly HttpClient _client;

    public ReadinessProbe(X509Certificate2 ca, string token)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
                    && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)
                    && Security.ClusterPki.IsIssuedBy(
                        certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), ca),
            },
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        _client.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }

    /// <summary>Null when ready, else a one-line reason (for the timeout message).</summary>
    public async Task<string?> CheckAsync(int port, CancellationToken ct)
    {
        try
        {
            using var response = await _client.GetAsync($"https://127.0.0.1:{port}/readyz", ct);
            if (response.IsSuccessStatusCode) return null;
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // A server without health endpoints is ready once it serves /version.
                using var version = await _client.GetAsync($"https://127.0.0.1:{port}/version", ct);
                if (version.IsSuccessStatusCode) return null;
            }
            return $"/readyz answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e) { return e.InnerException?.Message ?? e.Message; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return "/readyz timed out"; }
    }

    public void Dispose() => _client.Dispose();
}
