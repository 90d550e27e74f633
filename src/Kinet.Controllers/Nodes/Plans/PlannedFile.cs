// One entry to create inside a container's root: a regular file with content and mode, a symlink, or a directory.
namespace Kinet.Controllers.Nodes.Plans;

public enum PlannedFileKind { File, Symlink, Directory }

public sealed record PlannedFile(string Path, PlannedFileKind Kind, byte[] Content, int Mode, string? Target = null)
{
    public static PlannedFile Text(string path, string text, int mode = FileModes.Mode0644) =>
        new(path, PlannedFileKind.File, System.Text.Encoding.UTF8.GetBytes(text), mode);

    public static PlannedFile Symlink(string path, string target) => new(path, PlannedFileKind.Symlink, [], FileModes.Mode0777, target);

    public static PlannedFile Directory(string path, int mode = FileModes.Mode0755) => new(path, PlannedFileKind.Directory, [], mode);

    public string ContentText => System.Text.Encoding.UTF8.GetString(Content);
}
