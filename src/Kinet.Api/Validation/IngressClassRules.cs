// IngressClasses: a domain-prefixed controller name (immutable) and an optional parameters reference.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kinet.Api.Validation;

internal sealed partial class IngressClassRules : IKindRules
{
    private const string HttpPathFmt = @"[A-Za-z0-9/\-._~%!$&'()*+,;=:]+";

    [GeneratedRegex("^" + HttpPathFmt + "\\z")] private static partial Regex HttpPath();

    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced: false, ObjectMetaRules.DnsSubdomain);
        var spec = obj.Obj("spec");
        var controller = spec.S("controller");
        if (controller.Length > 250) errs.TooLong("spec.controller", 250);
        ValidateDomainPrefixedPath(errs, "spec.controller", controller);
        if (spec.Obj("parameters") is { } p)
        {
            if (p.S("kind").Length == 0) errs.Required("spec.parameters.kind");
            if (p.S("name").Length == 0) errs.Required("spec.parameters.name");
            var scope = p.Str("scope");
            if (scope is not null && scope is not ("Cluster" or "Namespace")) errs.NotSupported("spec.parameters.scope", scope, ["Cluster", "Namespace"]);
            if (scope == "Namespace" && p.S("namespace").Length == 0) errs.Required("spec.parameters.namespace", "`parameters.scope` is set to 'Namespace'");
            if (scope == "Cluster" && p.Has("namespace")) errs.Forbidden("spec.parameters.namespace", "`parameters.scope` is set to 'Cluster'");
        }
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        var n = newObj.Obj("spec").S("controller");
        if (n != oldObj.Obj("spec").S("controller")) errs.Invalid("spec.controller", n, "field is immutable");
        Create(errs, newObj, namespaced);
    }

    private static void ValidateDomainPrefixedPath(ErrorList errs, string field, string value)
    {
        if (value.Length == 0)
        {
            errs.Required(field);
            return;
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            errs.Invalid(field, value, "must be a domain-prefixed path (such as \"acme.io/foo\")");
            return;
        }
        var host = value[..slash];
        errs.InvalidEach(field, host, NameFormats.IsDns1123Subdomain(host));
        var path = value[(slash + 1)..];
        if (!HttpPath().IsMatch(path)) errs.Invalid(field, path, NameFormats.RegexError("Invalid path", HttpPathFmt));
    }
}
