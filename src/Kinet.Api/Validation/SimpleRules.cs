// Kinds whose validation is their metadata plus a few spec fields: ServiceAccount, Event, Lease, and any kind without its own rules.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal class SimpleRules(NameRule nameRule) : IKindRules
{
    public virtual void Create(ErrorList errs, JsonObject obj, bool namespaced) =>
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced, nameRule);

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        UpdateOnly(errs, newObj, oldObj);
        Create(errs, newObj, namespaced);
    }

    protected virtual void UpdateOnly(ErrorList errs, JsonObject newObj, JsonObject oldObj)
    {
    }
}

/// <summary>core/v1 Events (legacyValidateEvent): the involved object's namespace must agree with the event's.</summary>
internal sealed class EventRules() : SimpleRules(ObjectMetaRules.DnsSubdomain)
{
    public override void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        base.Create(errs, obj, namespaced);
        var ns = obj.Obj("metadata").S("namespace");
        var involved = obj.Obj("involvedObject").S("namespace");
        if (!obj.Has("eventTime"))
        {
            if (involved.Length == 0 ? ns is not ("" or "default") : ns != involved)
                errs.Invalid("involvedObject.namespace", involved, "does not match event.namespace");
        }
        errs.InvalidEach("namespace", ns, NameFormats.IsDns1123Subdomain(ns));
    }
}

/// <summary>coordination.k8s.io Leases.</summary>
internal sealed class LeaseRules() : SimpleRules(ObjectMetaRules.DnsSubdomain)
{
    public override void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        base.Create(errs, obj, namespaced);
        var spec = obj.Obj("spec");
        if (spec.Int("leaseDurationSeconds") is <= 0 and var d) errs.Invalid("spec.leaseDurationSeconds", d, "must be greater than 0");
        if (spec.Int("leaseTransitions") is < 0 and var t) errs.Invalid("spec.leaseTransitions", t, "must be greater than or equal to 0");
        if (spec.Str("preferredHolder") is { Length: > 0 } && spec.S("strategy").Length == 0)
            errs.Forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined");
    }
}
