// Probes and lifecycle handlers: exactly one handler, valid ports and schemes, non-negative timings.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal static class ProbeRules
{
    private static readonly string[] Schemes = ["HTTP", "HTTPS"];

    public enum Kind { Liveness, Readiness, Startup }

    public static void ValidateProbe(ErrorList errs, JsonObject? probe, string path, Kind kind)
    {
        if (probe is null) return;
        ValidateHandler(errs, probe, path, allowGrpc: true);
        foreach (var f in new[] { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold" })
            if (probe.Int(f) is < 0 and var v) errs.Invalid($"{path}.{f}", v, "must be greater than or equal to 0");
        if (probe.Int("terminationGracePeriodSeconds") is <= 0 and var t) errs.Invalid(path + ".terminationGracePeriodSeconds", t, "must be greater than 0");
        if (kind is Kind.Liveness or Kind.Startup && (probe.Int("successThreshold") ?? 0) != 1)
            errs.Invalid(path + ".successThreshold", probe.Int("successThreshold") ?? 0, "must be 1");
        if (kind == Kind.Readiness && probe.Has("terminationGracePeriodSeconds"))
            errs.Invalid(path + ".terminationGracePeriodSeconds", probe.Int("terminationGracePeriodSeconds") ?? 0, "must not be set for readinessProbes");
    }

    public static void ValidateLifecycle(ErrorList errs, JsonObject? lifecycle, string path, long? gracePeriod)
    {
        if (lifecycle is null) return;
        if (lifecycle.Obj("postStart") is { } ps) ValidateHandler(errs, ps, path + ".postStart", allowGrpc: false, gracePeriod);
        if (lifecycle.Obj("preStop") is { } pre) ValidateHandler(errs, pre, path + ".preStop", allowGrpc: false, gracePeriod);
    }

    private static void ValidateHandler(ErrorList errs, JsonObject handler, string path, bool allowGrpc, long? gracePeriod = null)
    {
        var handlers = 0;
        foreach (var type in new[] { "exec", "httpGet", "tcpSocket", "grpc", "sleep" })
        {
            if (handler.Obj(type) is not { } h) continue;
            if ((type == "grpc" && !allowGrpc) || (type == "sleep" && allowGrpc)) continue;
            if (handlers > 0)
            {
                errs.Forbidden($"{path}.{type}", "may not specify more than 1 handler type");
                continue;
            }
            handlers++;
            var p = $"{path}.{type}";
            switch (type)
            {
                case "exec":
                    if (h.Arr("command").Count() == 0) errs.Required(p + ".command");
                    break;
                case "httpGet":
                    if (h.S("path").Length == 0) errs.Required(p + ".path");
                    ValidatePortNumOrName(errs, h, "port", p + ".port");
                    var scheme = h.S("scheme");
                    if (!Schemes.Contains(scheme)) errs.NotSupported(p + ".scheme", scheme, Schemes);
                    foreach (var (_, header) in h.Arr("httpHeaders").Objects())
                        errs.InvalidEach(p + ".httpHeaders", header.S("name"), NameFormats.IsHttpHeaderName(header.S("name")));
                    break;
                case "tcpSocket":
                    ValidatePortNumOrName(errs, h, "port", p + ".port");
                    break;
                case "grpc":
                    foreach (var m in NameFormats.IsValidPortNum(h.Int("port") ?? 0)) errs.Invalid(p + ".port", h.Int("port") ?? 0, m);
                    break;
                case "sleep":
                    // 1.32: AllowPodLifecycleSleepActionZeroValue is alpha (off), so zero is refused too.
                    var seconds = h.Int("seconds") ?? 0;
                    if (gracePeriod is { } grace && (seconds <= 0 || seconds > grace))
                        errs.Invalid(p, seconds, $"must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.");
                    break;
            }
        }
        if (handlers == 0) errs.Required(path, "must specify a handler type");
    }

    /// <summary>An IntOrString port: a number must be a port number, a string a port name (an absent one reads as 0).</summary>
    public static void ValidatePortNumOrName(ErrorList errs, JsonObject owner, string key, string path)
    {
        if (owner.Str(key) is { } name) errs.InvalidEach(path, name, NameFormats.IsValidPortName(name));
        else
        {
            var n = owner.Int(key) ?? 0;
            errs.InvalidEach(path, n, NameFormats.IsValidPortNum(n));
        }
    }
}
