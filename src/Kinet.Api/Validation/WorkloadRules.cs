// Deployments and ReplicaSets (apps/v1): selector required, non-empty, matching the template; template restartPolicy Always.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class WorkloadRules(bool isDeployment) : IKindRules
{
    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced, ObjectMetaRules.DnsSubdomain);
        ValidateSpec(errs, obj.Obj("spec"));
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        ValidateSpec(errs, newObj.Obj("spec"));
        var n = newObj.Obj("spec").Obj("selector");
        var o = oldObj.Obj("spec").Obj("selector");
        if (!JsonRead.Same(n, o)) errs.Invalid("spec.selector", GoRepr.LabelSelector(n), "field is immutable");
    }

    private void ValidateSpec(ErrorList errs, JsonObject? spec)
    {
        NonNegative(errs, spec, "replicas", "spec.replicas");
        if (!isDeployment) NonNegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");

        var selector = spec.Obj("selector");
        if (selector is null) errs.Required("spec.selector");
        else
        {
            LabelRules.ValidateLabelSelector(errs, "spec.selector", selector);
            if (LabelRules.IsEmpty(selector)) errs.Invalid("spec.selector", GoRepr.LabelSelector(selector), "empty selector is invalid for deployment");
        }
        ValidateTemplate(errs, spec.Obj("template"), selector);

        if (!isDeployment) return;
        ValidateStrategy(errs, spec.Obj("strategy"));
        NonNegative(errs, spec, "minReadySeconds", "spec.minReadySeconds");
        NonNegative(errs, spec, "revisionHistoryLimit", "spec.revisionHistoryLimit");
        if (spec.Int("progressDeadlineSeconds") is { } pds)
        {
            NonNegative(errs, spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds");
            if (pds <= (spec.Int("minReadySeconds") ?? 0)) errs.Invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds");
        }
    }

    private static void ValidateTemplate(ErrorList errs, JsonObject? template, JsonObject? selector)
    {
        const string path = "spec.template";
        if (template is null)
        {
            errs.Required(path);
            return;
        }
        var labels = template.Obj("metadata").Obj("labels");
        // A missing selector converts to labels.Nothing(), which matches no labels: upstream reports the mismatch too.
        if (selector is null || (!LabelRules.IsEmpty(selector) && !LabelRules.Matches(selector, labels)))
            errs.Invalid(path + ".metadata.labels", GoRepr.StringMap(labels), "`selector` does not match template `labels`");
        PodSpecRules.ValidateTemplate(errs, template, path);
        var restart = template.Obj("spec").S("restartPolicy");
        if (restart != "Always") errs.NotSupported(path + ".spec.restartPolicy", restart, ["Always"]);
        if (template.Obj("spec").Has("activeDeadlineSeconds"))
            errs.Forbidden(path + ".spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported");
    }

    private static void ValidateStrategy(ErrorList errs, JsonObject? strategy)
    {
        const string path = "spec.strategy";
        switch (strategy.S("type"))
        {
            case "Recreate":
                if (strategy.Has("rollingUpdate")) errs.Forbidden(path + ".rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
                break;
            case "RollingUpdate":
                if (strategy.Obj("rollingUpdate") is not { } ru)
                {
                    errs.Required(path + ".rollingUpdate", "this should be defaulted and never be nil");
                    break;
                }
                ValidateIntOrPercent(errs, ru, "maxUnavailable", path + ".rollingUpdate.maxUnavailable");
                ValidateIntOrPercent(errs, ru, "maxSurge", path + ".rollingUpdate.maxSurge");
                if (IntOrPercentValue(ru, "maxUnavailable") == 0 && IntOrPercentValue(ru, "maxSurge") == 0)
                    errs.Invalid(path + ".rollingUpdate.maxUnavailable", GoRepr.IntOrString(ru["maxUnavailable"]), "may not be 0 when `maxSurge` is 0");
                if (ru.Str("maxUnavailable") is { } mu && mu.EndsWith('%') && IntOrPercentValue(ru, "maxUnavailable") > 100)
                    errs.Invalid(path + ".rollingUpdate.maxUnavailable", GoRepr.IntOrString(ru["maxUnavailable"]), "must not be greater than 100%");
                break;
            default:
                // Upstream prints the whole strategy struct here; its type is what matters to the reader.
                errs.NotSupported(path, new GoRepr($"apps.DeploymentStrategy{{Type:{GoRepr.Quote(strategy.S("type"))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}}"),
                    ["Recreate", "RollingUpdate"]);
                break;
        }
    }

    private static void ValidateIntOrPercent(ErrorList errs, JsonObject owner, string key, string path)
    {
        if (owner.Str(key) is { } s) errs.InvalidEach(path, GoRepr.IntOrString(owner[key]), NameFormats.IsValidPercent(s));
        else if (owner.Int(key) is < 0 and var n) errs.Invalid(path, n, "must be greater than or equal to 0");
    }

    private static long IntOrPercentValue(JsonObject owner, string key) =>
        owner.Str(key) is { } s ? (long.TryParse(s.TrimEnd('%'), out var v) ? v : -1) : owner.Int(key) ?? 0;

    private static void NonNegative(ErrorList errs, JsonObject? spec, string key, string path)
    {
        if (spec.Int(key) is < 0 and var v) errs.Invalid(path, v, "must be greater than or equal to 0");
    }
}
