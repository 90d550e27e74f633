// Services (ValidateService / ValidateServiceUpdate). Node port ranges and IP allocation are the allocators' business, not checked here.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class ServiceRules : IKindRules
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Affinities = ["ClientIP", "None"];
    private static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    private static readonly string[] IpFamilies = ["IPv4", "IPv6"];
    private static readonly string[] IpFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];
    private const int MaxClientIpAffinitySeconds = 86400;

    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced, ObjectMetaRules.Dns1035Label);
        var spec = obj.Obj("spec");
        var type = spec.S("type");
        var headless = IsHeadless(spec);
        var ports = spec.Arr("ports");
        var clusterIPs = spec.Arr("clusterIPs");

        if (ports.Count() == 0 && !headless && type != "ExternalName") errs.Required("spec.ports");
        switch (type)
        {
            case "LoadBalancer" when headless:
                errs.Invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for LoadBalancer services");
                break;
            case "NodePort" when headless:
                errs.Invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services");
                break;
            case "ExternalName":
                if (clusterIPs.Count() > 0) errs.Forbidden("spec.clusterIPs", "may not be set for ExternalName services");
                if (spec.Arr("ipFamilies").Count() > 0) errs.Forbidden("spec.ipFamilies", "may not be set for ExternalName services");
                if (spec.Has("ipFamilyPolicy")) errs.Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services");
                var cname = spec.S("externalName");
                if (cname.EndsWith('.')) cname = cname[..^1];
                if (cname.Length > 0) errs.InvalidEach("spec.externalName", cname, NameFormats.IsDns1123Subdomain(cname));
                else errs.Required("spec.externalName");
                break;
        }

        var portNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, port) in ports.Objects()) ValidatePort(errs, port, ports.Count() > 1, portNames, $"spec.ports[{i}]");

        if (spec.Has("selector")) LabelRules.ValidateLabels(errs, "spec.selector", spec.Obj("selector"));

        var affinity = spec.S("sessionAffinity");
        if (affinity.Length == 0) errs.Required("spec.sessionAffinity");
        else if (!Affinities.Contains(affinity)) errs.NotSupported("spec.sessionAffinity", affinity, Affinities);
        if (affinity == "ClientIP") ValidateClientIpAffinity(errs, spec.Obj("sessionAffinityConfig"));
        else if (affinity == "None" && spec.Has("sessionAffinityConfig"))
            errs.Forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None");

        ValidateClusterIPs(errs, spec);

        foreach (var (i, ip) in spec.Arr("externalIPs").Strings())
        {
            var p = $"spec.externalIPs[{i}]";
            if (IpFormats.ParseIp(ip) is null) IpFormats.ValidateIp(errs, p, ip);
            else IpFormats.ValidateNonSpecialIp(errs, p, ip);
        }

        if (type.Length == 0) errs.Required("spec.type");
        else if (!Types.Contains(type)) errs.NotSupported("spec.type", type, Types);

        if (type == "ClusterIP")
            foreach (var (i, port) in ports.Objects())
                if ((port.Int("nodePort") ?? 0) != 0) errs.Forbidden($"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'");

        var nodePorts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, port) in ports.Objects())
            if (port.Int("nodePort") is { } np and not 0 && !nodePorts.Add(port.S("protocol") + "/" + np))
                errs.Duplicate($"spec.ports[{i}].nodePort", np);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, port) in ports.Objects())
        {
            var key = $"core.ServicePort{{Name:\"\", Protocol:{GoRepr.Quote(port.S("protocol"))}, AppProtocol:(*string)(nil), Port:{port.Int("port") ?? 0}, " +
                      "TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}";
            if (!seen.Add(key)) errs.Duplicate($"spec.ports[{i}]", new GoRepr(key));
        }

        var ranges = spec.Arr("loadBalancerSourceRanges");
        if (ranges.Count() > 0)
        {
            if (type != "LoadBalancer") errs.Forbidden("spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'");
            foreach (var (i, r) in ranges.Strings()) IpFormats.ValidateCidr(errs, $"spec.LoadBalancerSourceRanges[{i}]", r.Trim());
        }

        if (spec.Has("allocateLoadBalancerNodePorts") && type != "LoadBalancer")
            errs.Forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'");
        // Upstream reports this one without the "spec." prefix.
        if (type == "LoadBalancer" && !spec.Has("allocateLoadBalancerNodePorts")) errs.Required("allocateLoadBalancerNodePorts");

        ValidateTrafficPolicies(errs, spec, type);
    }

    private static void ValidatePort(ErrorList errs, JsonObject port, bool requireName, HashSet<string> names, string path)
    {
        var name = port.S("name");
        if (requireName && name.Length == 0) errs.Required(path + ".name");
        else if (name.Length > 0)
        {
            errs.InvalidEach(path + ".name", name, NameFormats.IsDns1123Label(name));
            if (!names.Add(name)) errs.Duplicate(path + ".name", name);
        }
        var number = port.Int("port") ?? 0;
        errs.InvalidEach(path + ".port", number, NameFormats.IsValidPortNum(number));
        var proto = port.S("protocol");
        if (proto.Length == 0) errs.Required(path + ".protocol");
        else if (!ContainerRules.Protocols.Contains(proto)) errs.NotSupported(path + ".protocol", proto, ContainerRules.Protocols);
        ProbeRules.ValidatePortNumOrName(errs, port, "targetPort", path + ".targetPort");
        if (port.Str("appProtocol") is { } ap) errs.InvalidEach(path + ".appProtocol", ap, NameFormats.IsQualifiedName(ap));
    }

    private static void ValidateClientIpAffinity(ErrorList errs, JsonObject? config)
    {
        const string path = "spec.sessionAffinityConfig";
        const string detail = "when session affinity type is ClientIP";
        if (config is null) errs.Required(path, detail);
        else if (config.Obj("clientIP") is not { } clientIp) errs.Required(path + ".clientIP", detail);
        else if (clientIp.Int("timeoutSeconds") is not { } t) errs.Required(path + ".clientIP.timeoutSeconds", detail);
        else if (t is <= 0 or > MaxClientIpAffinitySeconds)
            errs.Invalid(path + ".clientIP.timeoutSeconds", t, $"must be greater than 0 and less than {MaxClientIpAffinitySeconds}");
    }

    private static void ValidateClusterIPs(ErrorList errs, JsonObject? spec)
    {
        if (spec.S("type") == "ExternalName") return;
        var clusterIP = spec.S("clusterIP");
        var ipsNode = spec.Arr("clusterIPs");
        var ips = ipsNode.Strings().Select(x => x.Value).ToList();
        if (clusterIP.Length != 0)
        {
            if (ips.Count == 0) errs.Required("spec.clusterIPs");
            else if (ips[0] != clusterIP) errs.Invalid("spec.clusterIPs", GoRepr.StringSlice(ipsNode), "first value must match `clusterIP`");
        }
        else if (ips.Count != 0)
        {
            errs.Invalid("spec.clusterIPs", GoRepr.StringSlice(ipsNode), "must be empty when `clusterIP` is not specified");
        }

        var families = spec.Arr("ipFamilies").Strings().ToList();
        var seenFamilies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, f) in families)
        {
            if (!IpFamilies.Contains(f)) errs.NotSupported($"spec.ipFamilies[{i}]", f, IpFamilies);
            if (!seenFamilies.Add(f)) errs.Duplicate($"spec.ipFamilies[{i}]", f);
        }
        if (spec.Str("ipFamilyPolicy") is { } policy && !IpFamilyPolicies.Contains(policy))
            errs.NotSupported("spec.ipFamilyPolicy", policy, IpFamilyPolicies);

        var invalid = false;
        for (var i = 0; i < ips.Count; i++)
        {
            if (i == 0 && ips[i] == "None")
            {
                if (ips.Count > 1)
                {
                    invalid = true;
                    errs.Invalid("spec.clusterIPs", GoRepr.StringSlice(ipsNode), "'None' must be the first and only value");
                }
                continue;
            }
            if (IpFormats.ParseIp(ips[i]) is null)
            {
                invalid = true;
                IpFormats.ValidateIp(errs, $"spec.clusterIPs[{i}]", ips[i]);
            }
        }
        if (ips.Count > 2) errs.Invalid("spec.clusterIPs", GoRepr.StringSlice(ipsNode), "may only hold up to 2 values");
        if (invalid) return;
        if (ips.Count > 1 && ips.Count(IpFormats.IsIPv6) != 1)
            errs.Invalid("spec.clusterIPs", GoRepr.StringSlice(ipsNode), "may specify no more than one IP for each IP family");
        if (!IsHeadless(spec))
            for (var i = 0; i < ips.Count && i < families.Count; i++)
            {
                if (families[i].Value == "IPv4" && IpFormats.IsIPv6(ips[i]))
                    errs.Invalid($"spec.clusterIPs[{i}]", ips[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`");
                if (families[i].Value == "IPv6" && !IpFormats.IsIPv6(ips[i]))
                    errs.Invalid($"spec.clusterIPs[{i}]", ips[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`");
            }
    }

    private static void ValidateTrafficPolicies(ErrorList errs, JsonObject? spec, string type)
    {
        var externallyAccessible = type is "LoadBalancer" or "NodePort" || (type == "ClusterIP" && spec.Arr("externalIPs").Count() > 0);
        var etp = spec.S("externalTrafficPolicy");
        if (!externallyAccessible)
        {
            if (etp.Length > 0) errs.Invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services");
        }
        else if (etp.Length == 0) errs.Required("spec.externalTrafficPolicy");
        else if (!TrafficPolicies.Contains(etp)) errs.NotSupported("spec.externalTrafficPolicy", etp, TrafficPolicies);

        var needsHealthCheck = type == "LoadBalancer" && etp == "Local";
        if (!needsHealthCheck && (spec.Int("healthCheckNodePort") ?? 0) != 0)
            errs.Invalid("spec.healthCheckNodePort", spec.Int("healthCheckNodePort"), "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
        else if (needsHealthCheck && spec.Int("healthCheckNodePort") is { } hc and not 0)
            errs.InvalidEach("spec.healthCheckNodePort", hc, NameFormats.IsValidPortNum(hc));

        if (!spec.Has("internalTrafficPolicy"))
        {
            if (type is "NodePort" or "LoadBalancer" or "ClusterIP") errs.Required("spec.internalTrafficPolicy");
        }
        else if (!TrafficPolicies.Contains(spec.S("internalTrafficPolicy")))
        {
            errs.NotSupported("spec.internalTrafficPolicy", spec.S("internalTrafficPolicy"), TrafficPolicies);
        }
        if (spec.Str("trafficDistribution") is { } td && td != "PreferClose") errs.NotSupported("spec.trafficDistribution", td, ["PreferClose"]);
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        ValidateClusterIPsUpdate(errs, newObj.Obj("spec"), oldObj.Obj("spec"));
        var n = newObj.Obj("spec");
        var o = oldObj.Obj("spec");
        if (o.S("type") == "LoadBalancer" && o.S("externalTrafficPolicy") == "Local" && n.S("type") == "LoadBalancer" && n.S("externalTrafficPolicy") == "Local"
            && n.Int("healthCheckNodePort") != o.Int("healthCheckNodePort"))
            errs.Forbidden("spec.healthCheckNodePort", "field is immutable");
        Create(errs, newObj, namespaced);
    }

    /// <summary>A service may gain or release its secondary cluster IP, but never change its primary one (validateUpgradeDowngradeClusterIPs).</summary>
    private static void ValidateClusterIPsUpdate(ErrorList errs, JsonObject? n, JsonObject? o)
    {
        if (n.S("type") == "ExternalName" || o.S("type") == "ExternalName") return;
        if (IsHeadless(n) && IsHeadless(o)) return;
        var newIps = n.Arr("clusterIPs").Strings().Select(x => x.Value).ToList();
        var oldIps = o.Arr("clusterIPs").Strings().Select(x => x.Value).ToList();
        var value = GoRepr.StringSlice(n.Arr("clusterIPs"));
        const string path = "spec.clusterIPs[0]";
        if (oldIps.Count == newIps.Count)
        {
            for (var i = 0; i < oldIps.Count; i++)
                if (oldIps[i] != newIps[i]) errs.Invalid(path, value, "may not change once set");
        }
        else if (oldIps.Count > newIps.Count)
        {
            if (newIps.Count == 0) errs.Invalid(path, value, "primary clusterIP can not be unset");
            if (oldIps.Count > 0 && newIps.Count > 0 && newIps[0] != oldIps[0]) errs.Invalid(path, value, "may not change once set");
            if (newIps.Count == 1 && n.S("ipFamilyPolicy") != "SingleStack")
                errs.Invalid(path, value, "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP");
        }
        else if (oldIps.Count > 0 && newIps[0] != oldIps[0])
        {
            errs.Invalid(path, value, "may not change once set");
        }
    }

    public static bool IsHeadless(JsonObject? spec)
    {
        var ips = spec.Arr("clusterIPs");
        if (ips is not null) return ips.Count == 1 && JsonRead.AsString(ips[0]) == "None";
        return spec.S("clusterIP") == "None";
    }
}
