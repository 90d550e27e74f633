// Plans the pod's spec.volumes as the kubelet's volume manager mounts them before any container starts; a volume that
// cannot be set up holds the whole pod in ContainerCreating with a FailedMount event per volume.
using System.Text.Json.Nodes;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public static class VolumePlanner
{
    public static IReadOnlyList<VolumePlan> Plan(JsonObject pod, PodPlanSettings settings, IPodPlanSources sources, List<PlanWarning> warnings)
    {
        var ns = JsonRead.Str(pod, "metadata", "namespace") ?? "";
        var plans = new List<VolumePlan>();
        var failures = new List<PlanWarning>();
        foreach (var v in (JsonRead.At(pod, "spec", "volumes") as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var name = JsonRead.Str(v, "name") ?? "";
            try
            {
                plans.Add(One(name, v, pod, ns, settings, sources, warnings));
            }
            catch (VolumeFiles.VolumeException e)
            {
                failures.Add(new PlanWarning("FailedMount", $"MountVolume.SetUp failed for volume \"{name}\" : {e.Message}"));
            }
        }
        if (failures.Count > 0) throw new PodPlanException(failures[0].Reason, failures[0].Message, failures);
        return plans;
    }

    private static VolumePlan One(string name, JsonObject v, JsonObject pod, string ns, PodPlanSettings settings,
        IPodPlanSources sources, List<PlanWarning> warnings)
    {
        if (v["emptyDir"] is JsonObject emptyDir)
        {
            return new EmptyDirVolume(name, JsonRead.Str(emptyDir, "medium") ?? "", JsonRead.Str(emptyDir, "sizeLimit"));
        }
        if (v["hostPath"] is JsonObject hostPath)
        {
            return new HostPathVolume(name, JsonRead.Str(hostPath, "path") ?? "", JsonRead.Str(hostPath, "type") ?? "");
        }
        if (v["persistentVolumeClaim"] is JsonObject claim)
        {
            return new ClaimVolume(name, JsonRead.Str(claim, "claimName") ?? "", JsonRead.Bool(claim, "readOnly"));
        }
        if (v["configMap"] is JsonObject cm)
        {
            return FileSet(name, "configMap", VolumeFiles.ConfigMap(cm, DefaultMode(cm), ns, sources));
        }
        if (v["secret"] is JsonObject secret)
        {
            return FileSet(name, "secret", VolumeFiles.Secret(secret, "secretName", DefaultMode(secret), ns, sources));
        }
        if (v["downwardAPI"] is JsonObject downward)
        {
            return FileSet(name, "downwardAPI", VolumeFiles.DownwardApi(downward, DefaultMode(downward), pod, settings));
        }
        if (v["projected"] is JsonObject projected)
        {
            return FileSet(name, "projected", VolumeFiles.Projected(projected, pod, settings, sources, warnings));
        }
        var kind = v.Select(p => p.Key).FirstOrDefault(k => k != "name") ?? "unknown";
        throw new VolumeFiles.VolumeException($"volume type {kind} is not supported by Kinet");
    }

    private static int DefaultMode(JsonObject source) => (int?)JsonRead.Long(source, "defaultMode") ?? FileModes.VolumeDefault;

    private static FileSetVolume FileSet(string name, string source, SortedDictionary<string, ProjectedFile> files) =>
        new(name, source, files.Values.ToList());
}
