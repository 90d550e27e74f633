// Nodes: taints, pod CIDRs (one per family, settable once), providerID settable once.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class NodeRules() : SimpleRules(ObjectMetaRules.DnsSubdomain)
{
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public override void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        base.Create(errs, obj, namespaced: false);
        var spec = obj.Obj("spec");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, t) in spec.Arr("taints").Objects())
        {
            // Upstream reports taints under metadata.taints.
            var p = $"metadata.taints[{i}]";
            LabelRules.ValidateLabelName(errs, p + ".key", t.S("key"));
            var msgs = NameFormats.IsValidLabelValue(t.S("value"));
            if (msgs.Count > 0) errs.Invalid(p + ".value", t.S("value"), string.Join(";", msgs));
            var effect = t.S("effect");
            if (effect.Length == 0) errs.Required(p + ".effect");
            else if (!Effects.Contains(effect)) errs.NotSupported(p + ".effect", effect, Effects);
            if (!seen.Add(t.S("key") + "\0" + effect)) errs.Duplicate(p, t);
        }
        var cidrs = spec.Arr("podCIDRs");
        foreach (var (i, c) in cidrs.Strings()) IpFormats.ValidateCidr(errs, $"spec.podCIDRs[{i}]", c);
        if (cidrs.Count() > 1)
        {
            var parsed = cidrs.Strings().Select(c => IpFormats.ParseCidr(c.Value)).ToList();
            var dual = parsed.Count == 2 && parsed.All(p => p is not null) && parsed[0]!.Value.Network.AddressFamily != parsed[1]!.Value.Network.AddressFamily;
            if (!dual) errs.Invalid("spec.podCIDRs", GoRepr.StringSlice(cidrs), "may specify no more than one CIDR for each IP family");
        }
    }

    protected override void UpdateOnly(ErrorList errs, JsonObject newObj, JsonObject oldObj)
    {
        const string cidrMsg = "node updates may not change podCIDR except from \"\" to valid";
        var o = oldObj.Obj("spec").Arr("podCIDRs");
        var n = newObj.Obj("spec").Arr("podCIDRs");
        if (o.Count() > 0)
        {
            if (o.Count() != n.Count()) errs.Forbidden("spec.podCIDRs", cidrMsg);
            else
                for (var i = 0; i < o!.Count; i++)
                    if (!JsonRead.Same(o[i], n![i])) errs.Forbidden("spec.podCIDRs", cidrMsg);
        }
        var oldProvider = oldObj.Obj("spec").S("providerID");
        if (oldProvider.Length > 0 && oldProvider != newObj.Obj("spec").S("providerID"))
            errs.Forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid");
    }
}
