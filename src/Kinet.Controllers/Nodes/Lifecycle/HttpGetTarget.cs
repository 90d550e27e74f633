// A resolved httpGet probe: the port is a number (named ports resolved from the container's ports), the host the pod IP
// unless the probe names one.
namespace Kinet.Controllers.Nodes.Lifecycle;

public sealed record HttpGetTarget(string Scheme, string Host, int Port, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The URL as the kubelet formats it (and quotes it in errors): scheme://host:port/path.</summary>
    public string Url
    {
        get
        {
            var host = Host.Contains(':') ? $"[{Host}]" : Host;
            var path = Path.Length == 0 || Path.StartsWith('/') ? Path : "/" + Path;
            return $"{Scheme.ToLowerInvariant()}://{host}:{Port}{path}";
        }
    }
}
