// `--service ns/name` for the iptables and ipvs views: which Service's ports to show. A bare name means the default
// namespace, as kubectl reads it.
using Kinet.Model.Services;

namespace Kinet.Proxy.Views;

public sealed record ServiceFilter(string Namespace, string Name)
{
    public static ServiceFilter? Parse(string? service)
    {
        if (string.IsNullOrWhiteSpace(service)) return null;
        var slash = service.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ServiceFilter("default", service.Trim())
            : new ServiceFilter(service[..slash].Trim(), service[(slash + 1)..].Trim());
    }

    public bool Matches(ServicePortName port) =>
        string.Equals(port.Namespace, Namespace, StringComparison.Ordinal) && string.Equals(port.Name, Name, StringComparison.Ordinal);
}
