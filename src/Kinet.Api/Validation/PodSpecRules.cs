// A PodSpec, in a Pod or a pod template (ValidatePodSpec): volumes, containers, policies, DNS, scheduling fields.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal static class PodSpecRules
{
    public static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static void Validate(ErrorList errs, JsonObject? spec, string path)
    {
        var volumes = VolumeRules.ValidateVolumes(errs, spec.Arr("volumes"), path + ".volumes");
        var containers = spec.Arr("containers");
        var grace = spec.Int("terminationGracePeriodSeconds");
        ContainerRules.ValidateContainers(errs, containers, path + ".containers", volumes, init: false, gracePeriod: grace);
        ContainerRules.ValidateContainers(errs, spec.Arr("initContainers"), path + ".initContainers", volumes, init: true,
            containers.Objects().Select(c => c.Item.S("name")), grace);
        if (spec.Bool("hostNetwork") == true) ValidateHostNetworkPorts(errs, containers, path + ".containers");

        var restart = spec.S("restartPolicy");
        if (restart.Length == 0) errs.Required(path + ".restartPolicy");
        else if (!RestartPolicies.Contains(restart)) errs.NotSupported(path + ".restartPolicy", restart, RestartPolicies);

        var dns = spec.S("dnsPolicy");
        if (dns.Length == 0) errs.Required(path + ".dnsPolicy");
        else if (!DnsPolicies.Contains(dns)) errs.NotSupported(path + ".dnsPolicy", dns, DnsPolicies);

        LabelRules.ValidateLabels(errs, path + ".nodeSelector", spec.Obj("nodeSelector"));
        foreach (var (i, s) in spec.Arr("imagePullSecrets").Objects())
            if (s.S("name").Length == 0) errs.Required($"{path}.imagePullSecrets[{i}].name");
        ValidateDnsConfig(errs, spec.Obj("dnsConfig"), dns, path + ".dnsConfig");

        if (spec.Str("serviceAccountName") is { Length: > 0 } sa) errs.InvalidEach(path + ".serviceAccountName", sa, NameFormats.IsDns1123Subdomain(sa));
        if (spec.Str("nodeName") is { Length: > 0 } node) errs.InvalidEach(path + ".nodeName", node, NameFormats.IsDns1123Subdomain(node));
        if (spec.Int("activeDeadlineSeconds") is { } ads && ads is < 1 or > int.MaxValue)
            errs.Invalid(path + ".activeDeadlineSeconds", ads, NameFormats.InclusiveRangeError(1, int.MaxValue));
        if (spec.Str("hostname") is { Length: > 0 } host) errs.InvalidEach(path + ".hostname", host, NameFormats.IsDns1123Label(host));
        if (spec.Str("subdomain") is { Length: > 0 } sub) errs.InvalidEach(path + ".subdomain", sub, NameFormats.IsDns1123Label(sub));
        ValidateTolerations(errs, spec.Arr("tolerations"), path + ".tolerations");
        foreach (var (i, alias) in spec.Arr("hostAliases").Objects())
        {
            IpFormats.ValidateIp(errs, $"{path}.hostAliases[{i}].ip", alias.S("ip"));
            foreach (var (j, h) in alias.Arr("hostnames").Strings())
                errs.InvalidEach($"{path}.hostAliases[{i}].hostnames[{j}]", h, NameFormats.IsDns1123Subdomain(h));
        }
        if (spec.Str("priorityClassName") is { Length: > 0 } pc) errs.InvalidEach(path + ".priorityClassName", pc, NameFormats.IsDns1123Subdomain(pc));
        if (spec.Str("preemptionPolicy") is { } pp && pp is not ("PreemptLowerPriority" or "Never"))
            errs.NotSupported(path + ".preemptionPolicy", pp, ["Never", "PreemptLowerPriority"]);
    }

    private static void ValidateHostNetworkPorts(ErrorList errs, JsonArray? containers, string path)
    {
        foreach (var (ci, c) in containers.Objects())
            foreach (var (pi, port) in c.Arr("ports").Objects())
                if (port.Int("hostPort") is { } hp and not 0 && hp != (port.Int("containerPort") ?? 0))
                    errs.Invalid($"{path}[{ci}].ports[{pi}].hostPort", hp, "must match `containerPort` when `hostNetwork` is true");
    }

    private static void ValidateDnsConfig(ErrorList errs, JsonObject? config, string dnsPolicy, string path)
    {
        if (dnsPolicy == "None")
        {
            if (config is null)
            {
                errs.Required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
                return;
            }
            if (config.Arr("nameservers").Count() == 0)
            {
                errs.Required(path + ".nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None");
                return;
            }
        }
        if (config is null) return;
        var ns = config.Arr("nameservers");
        if (ns.Count() > 3) errs.Invalid(path + ".nameservers", GoRepr.StringSlice(ns), "must not have more than 3 nameservers");
        foreach (var (i, n) in ns.Strings()) IpFormats.ValidateIp(errs, $"{path}.nameservers[{i}]", n);
        var searches = config.Arr("searches");
        if (searches.Count() > 32) errs.Invalid(path + ".searches", GoRepr.StringSlice(searches), "must not have more than 32 search paths");
        if (string.Join(' ', searches.Strings().Select(s => s.Value)).Length > 2048)
            errs.Invalid(path + ".searches", GoRepr.StringSlice(searches), "must not have more than 2048 characters (including spaces) in the search list");
        foreach (var (i, s) in searches.Strings())
        {
            var trimmed = s.EndsWith('.') ? s[..^1] : s;
            errs.InvalidEach($"{path}.searches[{i}]", trimmed, NameFormats.IsDns1123Subdomain(trimmed));
        }
        foreach (var (i, o) in config.Arr("options").Objects())
            if (o.S("name").Length == 0) errs.Required($"{path}.options[{i}]", "Option.Name must not be empty");
    }

    public static void ValidateTolerations(ErrorList errs, JsonArray? tolerations, string path)
    {
        foreach (var (i, t) in tolerations.Objects())
        {
            var p = $"{path}[{i}]";
            var key = t.S("key");
            var op = t.S("operator");
            var effect = t.S("effect");
            if (key.Length > 0) LabelRules.ValidateLabelName(errs, p + ".key", key);
            if (key.Length == 0 && op != "Exists")
                errs.Invalid(p + ".operator", op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            if (t.Has("tolerationSeconds") && effect != "NoExecute")
                errs.Invalid(p + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
            switch (op)
            {
                case "Equal" or "":
                    var msgs = NameFormats.IsValidLabelValue(t.S("value"));
                    if (msgs.Count > 0) errs.Invalid(p + ".operator", t.S("value"), string.Join(";", msgs));
                    break;
                case "Exists":
                    if (t.S("value").Length > 0) errs.Invalid(p + ".operator", t, "value must be empty when `operator` is 'Exists'");
                    break;
                default:
                    errs.NotSupported(p + ".operator", op, ["Equal", "Exists"]);
                    break;
            }
            if (effect.Length > 0 && !TaintEffects.Contains(effect)) errs.NotSupported(p + ".effect", effect, TaintEffects);
        }
    }

    /// <summary>A pod template (ValidatePodTemplateSpec): its labels and annotations, then its spec.</summary>
    public static void ValidateTemplate(ErrorList errs, JsonObject? template, string path)
    {
        var meta = template.Obj("metadata");
        LabelRules.ValidateLabels(errs, path + ".labels", meta.Obj("labels"));
        ObjectMetaRules.ValidateAnnotations(errs, path + ".annotations", meta.Obj("annotations"));
        Validate(errs, template.Obj("spec"), path + ".spec");
        if (template.Obj("spec").Arr("ephemeralContainers").Count() > 0)
            errs.Forbidden(path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template");
    }
}
