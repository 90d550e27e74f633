// Pod spec -> run plan: everything the kubelet decides before asking a runtime to start a pod, without I/O. The node
// agent calls it when it (re)starts a pod's containers; a container whose config is not ready yet (a missing ConfigMap
// key) gets a CreateContainerConfigError result and is planned again on the next sync, as the kubelet retries.
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class PodPlanner
{
    /// <summary>Throws <see cref="PodPlanException"/> when the pod's sandbox or volumes cannot be set up.</summary>
    public static PodPlan Plan(JsonObject pod, IPodPlanSources sources, PodPlanSettings settings)
    {
        var warnings = new List<PlanWarning>();
        var hostname = PodHostname.For(pod, settings);
        var files = new List<PlannedFile>();
        // The kubelet mounts its hosts file only once the sandbox has addresses (or shares the node's network).
        if (settings.PodIPs.Count > 0 || JsonRead.Bool(pod, "spec", "hostNetwork"))
        {
            files.Add(PlannedFile.Text("/etc/hosts", HostsFile.Render(pod, hostname, settings)));
        }
        files.Add(PlannedFile.Text("/etc/resolv.conf", ResolvConf.Render(pod, settings, warnings)));
        files.Add(PlannedFile.Text("/etc/hostname", hostname.KernelHostname + "\n"));

        var volumes = VolumePlanner.Plan(pod, settings, sources, warnings);
        var ns = JsonRead.Str(pod, "metadata", "namespace") ?? "";
        var serviceLinks = JsonRead.At(pod, "spec", "enableServiceLinks") is not JsonValue v || !v.TryGetValue<bool>(out var b) || b;
        var serviceEnv = ServiceEnv.ForPod(ns, serviceLinks, sources);

        List<ContainerPlanResult> PlanAll(string field) =>
            ((JsonRead.At(pod, "spec", field) as JsonArray)?.OfType<JsonObject>() ?? [])
                .Select(c => ContainerPlanner.Plan(pod, c, hostname, volumes, serviceEnv, settings, sources, warnings))
                .ToList();

        var init = PlanAll("initContainers");
        var containers = PlanAll("containers");
        var ephemeral = PlanAll("ephemeralContainers");
        return new PodPlan(hostname.KernelHostname, hostname.Fqdn, files, volumes, init, containers, warnings) { EphemeralContainers = ephemeral };
    }
}
