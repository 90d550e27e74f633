// NetworkPolicies (networking/v1): selectors, peers (exactly one kind when ipBlock is used), ports, ipBlock CIDRs, policyTypes.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class NetworkPolicyRules : IKindRules
{
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];

    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced, ObjectMetaRules.DnsSubdomain);
        ValidateSpec(errs, obj.Obj("spec"));
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        ValidateSpec(errs, newObj.Obj("spec"));
    }

    private static void ValidateSpec(ErrorList errs, JsonObject? spec)
    {
        LabelRules.ValidateLabelSelector(errs, "spec.podSelector", spec.Obj("podSelector"));
        foreach (var (dir, peers) in new[] { ("ingress", "from"), ("egress", "to") })
            foreach (var (i, rule) in spec.Arr(dir).Objects())
            {
                var rp = $"spec.{dir}[{i}]";
                foreach (var (pi, port) in rule.Arr("ports").Objects()) ValidatePort(errs, port, $"{rp}.ports[{pi}]");
                foreach (var (pi, peer) in rule.Arr(peers).Objects()) ValidatePeer(errs, peer, $"{rp}.{peers}[{pi}]");
            }

        var types = spec.Arr("policyTypes");
        if (types.Count() > 2)
        {
            errs.Invalid("spec.policyTypes", GoRepr.StringSlice(types), "may not specify more than two policyTypes");
            return;
        }
        foreach (var (i, t) in types.Strings())
            if (!PolicyTypes.Contains(t)) errs.NotSupported($"spec.policyTypes[{i}]", t, PolicyTypes);
    }

    private static void ValidatePort(ErrorList errs, JsonObject port, string path)
    {
        if (port.Str("protocol") is { } proto && !Protocols.Contains(proto)) errs.NotSupported(path + ".protocol", proto, Protocols);
        var endPort = port.Int("endPort");
        if (port.Str("port") is { } name)
        {
            if (endPort is { } e) errs.Invalid(path + ".endPort", e, "may not be specified when `port` is non-numeric");
            errs.InvalidEach(path + ".port", name, NameFormats.IsValidPortName(name));
        }
        else if (port.Int("port") is { } number)
        {
            errs.InvalidEach(path + ".port", number, NameFormats.IsValidPortNum(number));
            if (endPort is { } e)
            {
                if (e < number) errs.Invalid(path + ".endPort", number, "must be greater than or equal to `port`");
                errs.InvalidEach(path + ".endPort", e, NameFormats.IsValidPortNum(e));
            }
        }
        else if (endPort is { } e)
        {
            errs.Invalid(path + ".endPort", e, "may not be specified when `port` is not specified");
        }
    }

    private static void ValidatePeer(ErrorList errs, JsonObject peer, string path)
    {
        var peers = 0;
        if (peer.Obj("podSelector") is { } ps)
        {
            peers++;
            LabelRules.ValidateLabelSelector(errs, path + ".podSelector", ps);
        }
        if (peer.Obj("namespaceSelector") is { } ns)
        {
            peers++;
            LabelRules.ValidateLabelSelector(errs, path + ".namespaceSelector", ns);
        }
        if (peer.Obj("ipBlock") is { } ipb)
        {
            peers++;
            ValidateIpBlock(errs, ipb, path + ".ipBlock");
        }
        if (peers == 0) errs.Required(path, "must specify a peer");
        else if (peers > 1 && peer.Has("ipBlock")) errs.Forbidden(path, "may not specify both ipBlock and another peer");
    }

    private static void ValidateIpBlock(ErrorList errs, JsonObject ipb, string path)
    {
        var cidr = ipb.S("cidr");
        if (cidr.Length == 0)
        {
            errs.Required(path + ".cidr");
            return;
        }
        IpFormats.ValidateCidr(errs, path + ".cidr", cidr);
        if (IpFormats.ParseCidr(cidr) is not { } net) return;
        foreach (var (i, ex) in ipb.Arr("except").Strings())
        {
            var p = $"{path}.except[{i}]";
            IpFormats.ValidateCidr(errs, p, ex);
            if (IpFormats.ParseCidr(ex) is not { } exNet) continue;
            if (!IpFormats.Contains(net, exNet.Network) || net.Prefix >= exNet.Prefix) errs.Invalid(p, ex, "must be a strict subset of `cidr`");
        }
    }
}
