// The hostPath type check the kubelet makes before mounting (pkg/volume/hostpath checkType), decided from what the
// agent found at the path: create what DirectoryOrCreate/FileOrCreate ask for, or fail with the kubelet's message.
namespace Kinet.Controllers.Nodes.Plans;

public enum HostFileKind { Missing, Directory, File, Socket, CharDevice, BlockDevice, Other }

public enum HostPathAction { None, CreateDirectory, CreateFile }

public sealed record HostPathDecision(HostPathAction Action, string? Error)
{
    public bool Ok => Error is null;
}

public static class HostPathCheck
{
    /// <summary>The action to take, or the error (shown as "MountVolume.SetUp failed for volume "v" : &lt;error&gt;").</summary>
    public static HostPathDecision Decide(string type, string path, HostFileKind found) => type switch
    {
        "" => Ok(),
        "DirectoryOrCreate" when found == HostFileKind.Missing => new(HostPathAction.CreateDirectory, null),
        "DirectoryOrCreate" or "Directory" => Expect(found == HostFileKind.Directory, $"{path} is not a directory"),
        "FileOrCreate" when found == HostFileKind.Missing => new(HostPathAction.CreateFile, null),
        "FileOrCreate" or "File" => Expect(found == HostFileKind.File, $"{path} is not a file"),
        "Socket" => Expect(found == HostFileKind.Socket, $"{path} is not a socket file"),
        "CharDevice" => Expect(found == HostFileKind.CharDevice, $"{path} is not a character device"),
        "BlockDevice" => Expect(found == HostFileKind.BlockDevice, $"{path} is not a block device"),
        _ => new(HostPathAction.None, $"{type} is an invalid volume type"),
    };

    private static HostPathDecision Ok() => new(HostPathAction.None, null);

    private static HostPathDecision Expect(bool ok, string what) =>
        ok ? Ok() : new(HostPathAction.None, "hostPath type check failed: " + what);
}
