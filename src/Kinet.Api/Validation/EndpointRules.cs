// Endpoints (core/v1) and EndpointSlices (discovery/v1): addresses that are real, non-special IPs; named, typed ports.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class EndpointsRules() : SimpleRules(ObjectMetaRules.DnsSubdomain)
{
    public override void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        base.Create(errs, obj, namespaced);
        foreach (var (i, ss) in obj.Arr("subsets").Objects())
        {
            var p = $"subsets[{i}]";
            if (ss.Arr("addresses").Count() == 0 && ss.Arr("notReadyAddresses").Count() == 0)
                errs.Required(p, "must specify `addresses` or `notReadyAddresses`");
            foreach (var list in new[] { "addresses", "notReadyAddresses" })
                foreach (var (ai, a) in ss.Arr(list).Objects())
                {
                    var ap = $"{p}.{list}[{ai}]";
                    IpFormats.ValidateIp(errs, ap + ".ip", a.S("ip"));
                    if (a.Str("hostname") is { Length: > 0 } h) errs.InvalidEach(ap + ".hostname", h, NameFormats.IsDns1123Label(h));
                    if (a.Str("nodeName") is { } node) errs.InvalidEach(ap + ".nodeName", node, NameFormats.IsDns1123Subdomain(node));
                    IpFormats.ValidateNonSpecialIp(errs, ap + ".ip", a.S("ip"));
                }
            var ports = ss.Arr("ports");
            foreach (var (pi, port) in ports.Objects())
            {
                var pp = $"{p}.ports[{pi}]";
                var name = port.S("name");
                if (ports.Count() > 1 && name.Length == 0) errs.Required(pp + ".name");
                else if (name.Length > 0) errs.InvalidEach(pp + ".name", name, NameFormats.IsDns1123Label(name));
                var n = port.Int("port") ?? 0;
                errs.InvalidEach(pp + ".port", n, NameFormats.IsValidPortNum(n));
                ValidateProtocol(errs, port.Str("protocol"), pp + ".protocol");
                if (port.Str("appProtocol") is { } ap) errs.InvalidEach(pp + ".appProtocol", ap, NameFormats.IsQualifiedName(ap));
            }
        }
    }

    public static void ValidateProtocol(ErrorList errs, string? proto, string path)
    {
        if (string.IsNullOrEmpty(proto)) errs.Required(path);
        else if (!ContainerRules.Protocols.Contains(proto)) errs.NotSupported(path, proto, ContainerRules.Protocols);
    }
}

internal sealed class EndpointSliceRules() : SimpleRules(ObjectMetaRules.DnsSubdomain)
{
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];

    public override void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        base.Create(errs, obj, namespaced);
        var addressType = obj.S("addressType");
        if (addressType.Length == 0) errs.Required("addressType");
        else if (!AddressTypes.Contains(addressType)) errs.NotSupported("addressType", addressType, AddressTypes);

        var endpoints = obj.Arr("endpoints");
        if (endpoints.Count() > 1000) errs.TooMany("endpoints", endpoints.Count(), 1000);
        foreach (var (i, ep) in endpoints.Objects())
        {
            var p = $"endpoints[{i}]";
            var addresses = ep.Arr("addresses");
            if (addresses.Count() == 0) errs.Required(p + ".addresses", "must contain at least 1 address");
            else if (addresses.Count() > 100) errs.TooMany(p + ".addresses", addresses.Count(), 100);
            foreach (var (ai, a) in addresses.Strings())
            {
                var ap = $"{p}.addresses[{ai}]";
                switch (addressType)
                {
                    case "IPv4":
                        if (IpFormats.ParseIp(a) is not { AddressFamily: System.Net.Sockets.AddressFamily.InterNetwork }) errs.Invalid(ap, a, "must be a valid IPv4 address");
                        else IpFormats.ValidateNonSpecialIp(errs, ap, a);
                        break;
                    case "IPv6":
                        if (!IpFormats.IsIPv6(a)) errs.Invalid(ap, a, "must be a valid IPv6 address");
                        else IpFormats.ValidateNonSpecialIp(errs, ap, a);
                        break;
                    case "FQDN":
                        ValidateFqdn(errs, ap, a);
                        break;
                }
            }
            if (ep.Str("nodeName") is { } node) errs.InvalidEach(p + ".nodeName", node, NameFormats.IsDns1123Subdomain(node));
            LabelRules.ValidateLabels(errs, p + ".deprecatedTopology", ep.Obj("deprecatedTopology"));
            if (ep.Str("hostname") is { } h) errs.InvalidEach(p + ".hostname", h, NameFormats.IsDns1123Label(h));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, port) in obj.Arr("ports").Objects())
        {
            var p = $"ports[{i}]";
            var name = port.S("name");
            if (name.Length > 0) errs.InvalidEach(p + ".name", name, NameFormats.IsDns1123Label(name));
            if (!names.Add(name)) errs.Duplicate(p + ".name", name);
            EndpointsRules.ValidateProtocol(errs, port.Str("protocol"), p + ".protocol");
            if (port.Str("appProtocol") is { } ap) errs.InvalidEach(p + ".appProtocol", ap, NameFormats.IsQualifiedName(ap));
        }
    }

    protected override void UpdateOnly(ErrorList errs, JsonObject newObj, JsonObject oldObj)
    {
        if (newObj.S("addressType") != oldObj.S("addressType")) errs.Invalid("addressType", newObj.S("addressType"), "field is immutable");
    }

    private static void ValidateFqdn(ErrorList errs, string path, string name)
    {
        if (name.Length == 0)
        {
            errs.Required(path);
            return;
        }
        if (name.EndsWith('.')) name = name[..^1];
        var msgs = NameFormats.IsDns1123Subdomain(name);
        if (msgs.Count > 0)
        {
            errs.Invalid(path, name, string.Join(",", msgs));
            return;
        }
        if (name.Split('.').Length < 2)
        {
            errs.Invalid(path, name, "should be a domain with at least two segments separated by dots");
            return;
        }
        foreach (var label in name.Split('.'))
        {
            var lm = NameFormats.IsDns1123Label(label);
            if (lm.Count > 0)
            {
                errs.Invalid(path, label, string.Join(",", lm));
                return;
            }
        }
    }
}
