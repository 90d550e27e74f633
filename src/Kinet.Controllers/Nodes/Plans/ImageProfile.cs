// What an image is to Kinet: the image config a runtime would read (ENTRYPOINT, CMD, Env, WorkingDir, STOPSIGNAL) and
// the files of the image Kinet lays over the host's root, since containers run the host's programs.
namespace Kinet.Controllers.Nodes.Plans;

public enum ProfileKind { Nginx, Busybox, Netshoot, Agnhost, Pause, CoreDns, Generic }

public sealed record ImageProfile(
    ProfileKind Kind,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<EnvVar> Env,
    string WorkingDir,
    string StopSignal,
    ImageLayer Layer);

/// <summary>
/// Files an image adds (the same for every container of a profile, so the agent may build it once and use it as an
/// overlay lower layer). Volumes mounted over a path hide what the layer has there, as over an image's files.
/// </summary>
public sealed record ImageLayer(string Name, IReadOnlyList<PlannedFile> Files)
{
    public static readonly ImageLayer Empty = new("empty", []);
}
