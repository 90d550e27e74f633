// One container: name, image, ports, env, mounts, resources, probes (validateContainerCommon and friends).
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal static class ContainerRules
{
    public static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly HashSet<string> ContainerResources = ["cpu", "memory", "ephemeral-storage"];

    /// <summary>A list of containers of a pod spec (validateContainers / validateInitContainers); volumes are the pod's valid volume names.</summary>
    public static void ValidateContainers(ErrorList errs, JsonArray? containers, string path, ISet<string> volumes, bool init,
        IEnumerable<string>? otherNames = null, long? gracePeriod = null)
    {
        if (!init && containers.Count() == 0)
        {
            errs.Required(path);
            return;
        }
        // Init container names may not collide with regular container names either.
        var names = new HashSet<string>(otherNames ?? [], StringComparer.Ordinal);
        foreach (var (i, c) in containers.Objects())
        {
            var p = $"{path}[{i}]";
            ValidateCommon(errs, c, p, volumes);
            var name = c.S("name");
            var sidecar = false;
            if (init && c.Str("restartPolicy") is { } rp)
            {
                if (rp != "Always") errs.NotSupported(p + ".restartPolicy", rp, ["Always"]);
                sidecar = rp == "Always";
            }
            if (names.Contains(name)) errs.Duplicate(p + ".name", name);
            else if (!init || name.Length > 0) names.Add(name);
            // Init containers run one by one, so only ports within one of them can conflict.
            if (init) CheckHostPortConflicts(errs, new JsonArray(c.DeepClone()), path, i);
            if (!init || sidecar)
            {
                if (c.Obj("lifecycle") is { } lc) ProbeRules.ValidateLifecycle(errs, lc, p + ".lifecycle", gracePeriod);
                ProbeRules.ValidateProbe(errs, c.Obj("livenessProbe"), p + ".livenessProbe", ProbeRules.Kind.Liveness);
                ProbeRules.ValidateProbe(errs, c.Obj("readinessProbe"), p + ".readinessProbe", ProbeRules.Kind.Readiness);
                ProbeRules.ValidateProbe(errs, c.Obj("startupProbe"), p + ".startupProbe", ProbeRules.Kind.Startup);
            }
            else
            {
                foreach (var f in new[] { "lifecycle", "livenessProbe", "readinessProbe", "startupProbe" })
                    if (c.Has(f)) errs.Forbidden($"{p}.{f}", "may not be set for init containers without restartPolicy=Always");
            }
            if (!init && c.Has("restartPolicy")) errs.Forbidden(p + ".restartPolicy", "may not be set for non-init containers");
        }
        if (!init) CheckHostPortConflicts(errs, containers, path, 0);
    }

    private static void ValidateCommon(ErrorList errs, JsonObject c, string path, ISet<string> volumes)
    {
        var name = c.S("name");
        if (name.Length == 0) errs.Required(path + ".name");
        else errs.InvalidEach(path + ".name", name, NameFormats.IsDns1123Label(name));

        if (c.S("image").Length == 0) errs.Required(path + ".image");

        var tmp = c.S("terminationMessagePolicy");
        if (tmp.Length == 0) errs.Required(path + ".terminationMessagePolicy");
        else if (!MessagePolicies.Contains(tmp)) errs.NotSupported(path + ".terminationMessagePolicy", tmp, MessagePolicies);

        ValidatePorts(errs, c.Arr("ports"), path + ".ports");
        ValidateEnv(errs, c.Arr("env"), path + ".env");
        ValidateEnvFrom(errs, c.Arr("envFrom"), path + ".envFrom");
        ValidateVolumeMounts(errs, c.Arr("volumeMounts"), path + ".volumeMounts", volumes);
        var pull = c.S("imagePullPolicy");
        if (pull.Length == 0) errs.Required(path + ".imagePullPolicy");
        else if (!PullPolicies.Contains(pull)) errs.NotSupported(path + ".imagePullPolicy", pull, PullPolicies);
        ValidateResources(errs, c.Obj("resources"), path + ".resources");
    }

    /// <summary>Pods only (not templates, where " " is a known placeholder): an image may not have surrounding whitespace.</summary>
    public static void ValidateImageWhitespace(ErrorList errs, JsonArray? containers, string path)
    {
        foreach (var (i, c) in containers.Objects())
        {
            var image = c.S("image");
            if (image.Trim().Length != image.Length) errs.Invalid($"{path}[{i}].image", image, "must not have leading or trailing whitespace");
        }
    }

    public static void ValidatePorts(ErrorList errs, JsonArray? ports, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, port) in ports.Objects())
        {
            var p = $"{path}[{i}]";
            var name = port.S("name");
            if (name.Length > 0)
            {
                var msgs = NameFormats.IsValidPortName(name);
                if (msgs.Count > 0) errs.InvalidEach(p + ".name", name, msgs);
                else if (!names.Add(name)) errs.Duplicate(p + ".name", name);
            }
            var cp = port.Int("containerPort") ?? 0;
            if (cp == 0) errs.Required(p + ".containerPort");
            else errs.InvalidEach(p + ".containerPort", cp, NameFormats.IsValidPortNum(cp));
            if (port.Int("hostPort") is { } hp and not 0) errs.InvalidEach(p + ".hostPort", hp, NameFormats.IsValidPortNum(hp));
            var proto = port.S("protocol");
            if (proto.Length == 0) errs.Required(p + ".protocol");
            else if (!Protocols.Contains(proto)) errs.NotSupported(p + ".protocol", proto, Protocols);
        }
    }

    /// <summary>Two ports may not claim the same host port, protocol and host IP (AccumulateUniqueHostPorts).</summary>
    private static void CheckHostPortConflicts(ErrorList errs, JsonArray? containers, string path, int firstIndex)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ci, c) in containers.Objects())
            foreach (var (pi, port) in c.Arr("ports").Objects())
            {
                var hp = port.Int("hostPort") ?? 0;
                if (hp == 0) continue;
                var key = $"{port.S("protocol")}/{port.S("hostIP")}/{hp}";
                if (!seen.Add(key)) errs.Duplicate($"{path}[{firstIndex + ci}].ports[{pi}].hostPort", key);
            }
    }

    private static void ValidateEnv(ErrorList errs, JsonArray? env, string path)
    {
        foreach (var (i, e) in env.Objects())
        {
            var p = $"{path}[{i}]";
            var name = e.S("name");
            if (name.Length == 0) errs.Required(p + ".name");
            else errs.InvalidEach(p + ".name", name, NameFormats.IsRelaxedEnvVarName(name));
            if (e.Obj("valueFrom") is not { } from) continue;
            var sources = 0;
            foreach (var kind in new[] { "fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef" })
            {
                if (from.Obj(kind) is not { } src) continue;
                sources++;
                var sp = $"{p}.valueFrom.{kind}";
                switch (kind)
                {
                    case "fieldRef":
                        if (src.S("fieldPath").Length == 0) errs.Required(sp + ".fieldPath");
                        break;
                    case "resourceFieldRef":
                        if (src.S("resource").Length == 0) errs.Required(sp + ".resource");
                        break;
                    default:
                        if (src.S("key").Length == 0) errs.Required(sp + ".key");
                        else errs.InvalidEach(sp + ".key", src.S("key"), NameFormats.IsConfigMapKey(src.S("key")));
                        if (src.S("name").Length == 0) errs.Required(sp + ".name");
                        else errs.InvalidEach(sp + ".name", src.S("name"), NameFormats.IsDns1123Subdomain(src.S("name")));
                        break;
                }
            }
            if (sources == 0)
                errs.Invalid(p + ".valueFrom", "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
            else if (e.S("value").Length > 0)
                errs.Invalid(p + ".valueFrom", "", "may not be specified when `value` is not empty");
            else if (sources > 1)
                errs.Invalid(p + ".valueFrom", "", "may not have more than one field specified at a time");
        }
    }

    private static void ValidateEnvFrom(ErrorList errs, JsonArray? envFrom, string path)
    {
        foreach (var (i, e) in envFrom.Objects())
        {
            var p = $"{path}[{i}]";
            if (e.Str("prefix") is { Length: > 0 } prefix) errs.InvalidEach(p + ".prefix", prefix, NameFormats.IsRelaxedEnvVarName(prefix));
            var sources = 0;
            foreach (var kind in new[] { "configMapRef", "secretRef" })
            {
                if (e.Obj(kind) is not { } src) continue;
                sources++;
                var name = src.S("name");
                if (name.Length == 0) errs.Required($"{p}.{kind}.name");
                else errs.InvalidEach($"{p}.{kind}.name", name, NameFormats.IsDns1123Subdomain(name));
            }
            if (sources == 0) errs.Invalid(p, "", "must specify one of: `configMapRef` or `secretRef`");
            else if (sources > 1) errs.Invalid(p, "", "may not have more than one field specified at a time");
        }
    }

    private static void ValidateVolumeMounts(ErrorList errs, JsonArray? mounts, string path, ISet<string> volumes)
    {
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, m) in mounts.Objects())
        {
            var p = $"{path}[{i}]";
            var name = m.S("name");
            if (name.Length == 0) errs.Required(p + ".name");
            if (!volumes.Contains(name)) errs.NotFound(p + ".name", name);
            var mountPath = m.S("mountPath");
            if (mountPath.Length == 0) errs.Required(p + ".mountPath");
            if (!mountPoints.Add(mountPath)) errs.Invalid(p + ".mountPath", mountPath, "must be unique");
            if (m.Str("subPath") is { Length: > 0 } sub) VolumeRules.ValidateLocalDescendingPath(errs, sub, path + ".subPath");
            if (m.Str("subPathExpr") is { Length: > 0 } expr)
            {
                if (m.S("subPath").Length > 0) errs.Invalid(p + ".subPathExpr", expr, "subPathExpr and subPath are mutually exclusive");
                VolumeRules.ValidateLocalDescendingPath(errs, expr, p + ".subPathExpr");
            }
            if (m.Str("mountPropagation") is { } mp && mp is not ("None" or "HostToContainer" or "Bidirectional"))
                errs.NotSupported(p + ".mountPropagation", mp, ["Bidirectional", "HostToContainer", "None"]);
        }
    }

    public static void ValidateResources(ErrorList errs, JsonObject? resources, string path)
    {
        var limits = resources.Obj("limits");
        var requests = resources.Obj("requests");
        foreach (var (section, list) in new[] { ("limits", limits), ("requests", requests) })
        {
            if (list is null) continue;
            foreach (var (name, v) in list)
            {
                var p = $"{path}.{section}[{name}]";
                errs.InvalidEach(p, name, NameFormats.IsQualifiedName(name));
                if (!name.Contains('/', StringComparison.Ordinal) && !ContainerResources.Contains(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal))
                    errs.Invalid(p, name, "must be a standard resource for containers");
                var text = QuantityText(v);
                if (Quantity.Parse(text) is < 0) errs.Invalid(p, text, "must be greater than or equal to 0");
            }
        }
        if (requests is null || limits is null) return;
        foreach (var (name, v) in requests)
        {
            if (!limits.TryGetPropertyValue(name, out var lim)) continue;
            var req = QuantityText(v);
            var limText = QuantityText(lim);
            if (Quantity.Parse(req) is { } r && Quantity.Parse(limText) is { } l && r > l)
                errs.Invalid(path + ".requests", req, $"must be less than or equal to {name} limit of {limText}");
        }
    }

    /// <summary>Quantities arrive as strings ("500m") or bare numbers (2).</summary>
    public static string QuantityText(JsonNode? n) => JsonRead.AsString(n) ?? n?.ToJsonString() ?? "";
}
