// Plans one container as the kubelet (GenerateRunContainerOptions) and containerd would start it: the kubelet's
// variables, mounts with expanded subPathExpr, argv from the image's ENTRYPOINT/CMD and the spec's command/args with
// $(VAR) expanded, and the process environment the runtime builds (PATH, TERM with a tty, HOSTNAME, image env, the
// kubelet's variables, HOME).
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class ContainerPlanner
{
    public static ContainerPlanResult Plan(JsonObject pod, JsonObject container, PodHostname hostname, IReadOnlyList<VolumePlan> volumes,
        IReadOnlyList<EnvVar> serviceEnv, PodPlanSettings settings, IPodPlanSources sources, List<PlanWarning> warnings)
    {
        var name = JsonRead.Str(container, "name") ?? "";
        try
        {
            return ContainerPlanResult.Ok(PlanOrThrow(pod, container, name, hostname, volumes, serviceEnv, settings, sources, warnings));
        }
        catch (ContainerEnv.ConfigException e)
        {
            return ContainerPlanResult.Failed(name, e.Message);
        }
    }

    private static ContainerPlan PlanOrThrow(JsonObject pod, JsonObject container, string name, PodHostname hostname,
        IReadOnlyList<VolumePlan> volumes, IReadOnlyList<EnvVar> serviceEnv, PodPlanSettings settings, IPodPlanSources sources, List<PlanWarning> warnings)
    {
        var image = JsonRead.Str(container, "image") ?? "";
        var kubeletEnv = ContainerEnv.Build(pod, container, serviceEnv, settings, sources, warnings);
        var envMap = ContainerEnv.ToMap(kubeletEnv);
        var mounts = Mounts(container, name, volumes, envMap);

        var profile = ImageProfiles.For(image, settings);
        var mapping = EnvExpansion.MappingFor(envMap);
        var command = Strings(container["command"]).Select(s => EnvExpansion.Expand(s, mapping)).ToList();
        var args = Strings(container["args"]).Select(s => EnvExpansion.Expand(s, mapping)).ToList();
        var argv = ImageProfiles.Argv(profile, command, args);
        var ports = Ports(container);
        var tty = JsonRead.Bool(container, "tty");

        var process = new ContainerEnv.OrderedEnv();
        process.Set("PATH", ImageProfiles.DefaultPath);
        if (tty) process.Set("TERM", "xterm");
        process.Set("HOSTNAME", hostname.KernelHostname);
        foreach (var e in profile.Env) process.Set(e.Name, e.Value);
        foreach (var e in kubeletEnv) process.Set(e.Name, e.Value);
        var runAsUser = JsonRead.Long(container, "securityContext", "runAsUser") ?? JsonRead.Long(pod, "spec", "securityContext", "runAsUser");
        // runc sets HOME from the user's passwd entry when the environment has none: the images' root is /root, and a
        // uid the image does not list gets "/".
        process.SetIfAbsent("HOME", runAsUser is null or 0 ? "/root" : "/");

        return new ContainerPlan(name, image, profile, argv, process.List,
            JsonRead.Str(container, "workingDir") is { Length: > 0 } wd ? wd : profile.WorkingDir, mounts, ports)
        {
            Stdin = JsonRead.Bool(container, "stdin"),
            StdinOnce = JsonRead.Bool(container, "stdinOnce"),
            Tty = tty,
            RestartPolicy = JsonRead.Str(container, "restartPolicy"),
            RunAsUser = runAsUser,
            RunAsGroup = JsonRead.Long(container, "securityContext", "runAsGroup") ?? JsonRead.Long(pod, "spec", "securityContext", "runAsGroup"),
            Builtin = ImageProfiles.Builtin(profile, command, argv, ports, settings),
        };
    }

    // makeMounts: each volumeMount names a pod volume; subPathExpr expands against the kubelet's variables and a sub
    // path must stay inside the volume. configMap/secret/downwardAPI/projected volumes are always read-only.
    private static List<ContainerMount> Mounts(JsonObject container, string containerName, IReadOnlyList<VolumePlan> volumes, Dictionary<string, string> env)
    {
        var mounts = new List<ContainerMount>();
        foreach (var m in (container["volumeMounts"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var volumeName = JsonRead.Str(m, "name") ?? "";
            var volume = volumes.FirstOrDefault(v => v.Name == volumeName)
                ?? throw new ContainerEnv.ConfigException($"cannot find volume \"{volumeName}\" to mount into container \"{containerName}\"");
            var subPath = JsonRead.Str(m, "subPath") ?? "";
            if (JsonRead.Str(m, "subPathExpr") is { Length: > 0 } expr)
            {
                var missing = new SortedSet<string>(StringComparer.Ordinal);
                subPath = EnvExpansion.Expand(expr, key =>
                {
                    if (!env.TryGetValue(key, out var value) || value.Length == 0) missing.Add(key);
                    return value ?? "";
                });
                if (missing.Count > 0) throw new ContainerEnv.ConfigException("missing value for " + string.Join(", ", missing));
            }
            if (subPath.Length > 0)
            {
                if (subPath.StartsWith('/')) throw new ContainerEnv.ConfigException($"error SubPath `{subPath}` must not be an absolute path");
                if (subPath.Split('/').Contains("..")) throw new ContainerEnv.ConfigException($"unable to provision SubPath `{subPath}`: must not contain '..'");
            }
            var propagation = JsonRead.Str(m, "mountPropagation");
            if (propagation is not (null or "None" or "HostToContainer" or "Bidirectional"))
            {
                throw new ContainerEnv.ConfigException($"invalid MountPropagation mode: \"{propagation}\"");
            }
            var readOnly = JsonRead.Bool(m, "readOnly") || volume is FileSetVolume || volume is ClaimVolume { ReadOnly: true };
            mounts.Add(new ContainerMount(volumeName, JsonRead.Str(m, "mountPath") ?? "", subPath, readOnly, propagation));
        }
        return mounts;
    }

    private static List<ContainerPortPlan> Ports(JsonObject container) =>
        ((container["ports"] as JsonArray)?.OfType<JsonObject>() ?? []).Select(p => new ContainerPortPlan(
            JsonRead.Str(p, "name"),
            (int)(JsonRead.Long(p, "containerPort") ?? 0),
            JsonRead.Str(p, "protocol") is { Length: > 0 } proto ? proto : "TCP",
            (int?)JsonRead.Long(p, "hostPort"),
            JsonRead.Str(p, "hostIP"))).ToList();

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "") ?? [];
}
