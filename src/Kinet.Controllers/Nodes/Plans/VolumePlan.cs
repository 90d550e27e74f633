// The pod's volumes as the kubelet's volume plugins would set them up: an empty directory, a host path with its type
// check, or a set of files rendered from ConfigMaps, Secrets and the pod itself (configMap, secret, downwardAPI,
// projected), which the kubelet mounts read-only.
namespace Kinet.Controllers.Nodes.Plans;

public abstract record VolumePlan(string Name);

/// <summary>emptyDir; Medium "Memory" is a tmpfs.</summary>
public sealed record EmptyDirVolume(string Name, string Medium, string? SizeLimit) : VolumePlan(Name);

/// <summary>hostPath; Type as in the spec ("" = no check). The agent applies <see cref="HostPathCheck"/> to the path it finds.</summary>
public sealed record HostPathVolume(string Name, string Path, string Type) : VolumePlan(Name);

/// <summary>A persistentVolumeClaim: the agent decides where the claim's data lives.</summary>
public sealed record ClaimVolume(string Name, string ClaimName, bool ReadOnly) : VolumePlan(Name);

/// <summary>configMap, secret, downwardAPI and projected volumes: files (relative paths, sorted) with their modes.</summary>
public sealed record FileSetVolume(string Name, string Source, IReadOnlyList<ProjectedFile> Files) : VolumePlan(Name);

public sealed record ProjectedFile(string Path, byte[] Content, int Mode)
{
    public string ContentText => System.Text.Encoding.UTF8.GetString(Content);
}
