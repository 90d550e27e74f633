// What other kube-proxy modes would program for the same state, for learners (`kinet proxy rules --format
// iptables|ipvs`). SEAM (written before the helpers started): the views helper implements them.
using Kinet.Model.Services;
using Kinet.Proxy.Views.Iptables;
using Kinet.Proxy.Views.Ipvs;

namespace Kinet.Proxy.Views;

public static class ProxyViews
{
    /// <summary>`iptables-save -t nat` (and the filter rules kube-proxy adds) as kube-proxy's iptables mode would
    /// program them on <c>state.Node</c>; only <paramref name="service"/>'s ports when given (ns/name).</summary>
    public static string Iptables(ProxyState state, string? service = null)
    {
        var filter = ServiceFilter.Parse(service);
        var rules = IptablesRenderer.Render(state, IptablesOptions.Default, filter);
        return IptablesSave.Print(rules, state.Node, onlyService: filter is not null);
    }

    /// <summary>`ipvsadm -Ln` as kube-proxy's ipvs mode would program it on <c>state.Node</c>.</summary>
    public static string Ipvs(ProxyState state, string? service = null) =>
        IpvsadmList.Print(IpvsRenderer.Render(state, ServiceFilter.Parse(service)));
}
