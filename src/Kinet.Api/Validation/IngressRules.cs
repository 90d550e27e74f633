// Ingresses (networking/v1): rules or a default backend, host names, typed paths, one service port (number or name), TLS.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class IngressRules : IKindRules
{
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] InvalidSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidSuffixes = ["/..", "/."];
    private const string ClassAnnotation = "kubernetes.io/ingress.class";

    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced, ObjectMetaRules.DnsSubdomain);
        ValidateSpec(errs, obj.Obj("spec"));
        if (obj.Obj("metadata").Obj("annotations").Str(ClassAnnotation) is { } annotation &&
            obj.Obj("spec").Str("ingressClassName") is { } className && annotation != className)
            errs.Invalid("annotations." + ClassAnnotation, annotation, "must match `ingressClassName` when both are specified");
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        ValidateSpec(errs, newObj.Obj("spec"));
    }

    private static void ValidateSpec(ErrorList errs, JsonObject? spec)
    {
        var rules = spec.Arr("rules");
        if (rules.Count() == 0 && !spec.Has("defaultBackend"))
            errs.Invalid("spec", new GoRepr(rules is null ? "[]networking.IngressRule(nil)" : "[]networking.IngressRule{}"),
                "either `defaultBackend` or `rules` must be specified");
        if (spec.Obj("defaultBackend") is { } db) ValidateBackend(errs, db, "spec.defaultBackend");
        foreach (var (i, rule) in rules.Objects()) ValidateRule(errs, rule, $"spec.rules[{i}]");
        foreach (var (ti, tls) in spec.Arr("tls").Objects())
        {
            foreach (var (hi, host) in tls.Arr("hosts").Strings())
            {
                var msgs = host.Contains('*', StringComparison.Ordinal) ? NameFormats.IsWildcardDns1123Subdomain(host) : NameFormats.IsDns1123Subdomain(host);
                errs.InvalidEach($"spec.tls[{ti}].hosts[{hi}]", host, msgs);
            }
            if (tls.Str("secretName") is { Length: > 0 } secret) errs.InvalidEach($"spec.tls[{ti}].secretName", secret, NameFormats.IsDns1123Subdomain(secret));
        }
        if (spec.Str("ingressClassName") is { } cls) errs.InvalidEach("spec.ingressClassName", cls, NameFormats.IsDns1123Subdomain(cls));
    }

    private static void ValidateRule(ErrorList errs, JsonObject rule, string path)
    {
        var host = rule.S("host");
        if (host.Length > 0)
        {
            if (IpFormats.ParseIp(host) is not null) errs.Invalid(path + ".host", host, "must be a DNS name, not an IP address");
            var msgs = host.Contains('*', StringComparison.Ordinal) ? NameFormats.IsWildcardDns1123Subdomain(host) : NameFormats.IsDns1123Subdomain(host);
            errs.InvalidEach(path + ".host", host, msgs);
        }
        if (rule.Obj("http") is not { } http) return;
        var paths = http.Arr("paths");
        if (paths.Count() == 0) errs.Required(path + ".http.paths");
        foreach (var (i, p) in paths.Objects()) ValidatePath(errs, p, $"{path}.http.paths[{i}]");
    }

    private static void ValidatePath(ErrorList errs, JsonObject p, string path)
    {
        if (p.Str("pathType") is not { } type)
        {
            errs.Required(path + ".pathType", "pathType must be specified");
            return;
        }
        var value = p.S("path");
        switch (type)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/')) errs.Invalid(path + ".path", value, "must be an absolute path");
                if (value.Length > 0)
                {
                    foreach (var seq in InvalidSequences)
                        if (value.Contains(seq, StringComparison.Ordinal)) errs.Invalid(path + ".path", value, $"must not contain '{seq}'");
                    foreach (var suffix in InvalidSuffixes)
                        if (value.EndsWith(suffix, StringComparison.Ordinal)) errs.Invalid(path + ".path", value, $"cannot end with '{suffix}'");
                }
                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/')) errs.Invalid(path + ".path", value, "must be an absolute path");
                break;
            default:
                errs.NotSupported(path + ".pathType", type, PathTypes);
                break;
        }
        ValidateBackend(errs, p.Obj("backend"), path + ".backend");
    }

    private static void ValidateBackend(ErrorList errs, JsonObject? backend, string path)
    {
        var resource = backend.Obj("resource");
        var service = backend.Obj("service");
        if (resource is not null && service is not null)
        {
            errs.Invalid(path, "", "cannot set both resource and service backends");
            return;
        }
        if (resource is not null)
        {
            if (resource.Str("apiGroup") is { } group) errs.InvalidEach(path + ".resource.apiGroup", group, NameFormats.IsDns1123Subdomain(group));
            if (resource.S("kind").Length == 0) errs.Required(path + ".resource.kind", "kind is required");
            if (resource.S("name").Length == 0) errs.Required(path + ".resource.name", "name is required");
            return;
        }
        if (service is null)
        {
            errs.Invalid(path, "", "resource or service backend is required");
            return;
        }
        var name = service.S("name");
        if (name.Length == 0) errs.Required(path + ".service.name");
        else errs.InvalidEach(path + ".service.name", name, NameFormats.IsDns1035Label(name));
        var port = service.Obj("port");
        var portName = port.S("name");
        var number = port.Int("number") ?? 0;
        if (portName.Length > 0 && number != 0) errs.Invalid(path, "", "cannot set both port name & port number");
        else if (portName.Length > 0) errs.InvalidEach(path + ".service.port.name", portName, NameFormats.IsValidPortName(portName));
        else if (number != 0) errs.InvalidEach(path + ".service.port.number", number, NameFormats.IsValidPortNum(number));
        else errs.Required(path, "port name or number is required");
    }
}
