// The on-disk layout the kubelet's atomic writer gives file-set volumes, so `ls -la` in a configMap mount looks as on a
// real node: the files in a timestamped "..2026_11_26_13_09_00.<n>" directory, "..data" linking to it, and each
// top-level name linking into "..data" (which lets the kubelet swap all files at once on an update).
using System.Globalization;

namespace Kinet.Controllers.Nodes.Plans;

public static class AtomicWriterLayout
{
    /// <summary>Entries relative to the volume's directory, in creation order (directories before their files).</summary>
    public static IReadOnlyList<PlannedFile> Entries(IReadOnlyList<ProjectedFile> files, DateTimeOffset now, string suffix)
    {
        var dataDir = now.UtcDateTime.ToString("'..'yyyy'_'MM'_'dd'_'HH'_'mm'_'ss'.'", CultureInfo.InvariantCulture) + suffix;
        var entries = new List<PlannedFile> { PlannedFile.Directory(dataDir) };
        var dirs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var parts = f.Path.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                var dir = string.Join('/', parts[..i]);
                if (dirs.Add(dir)) entries.Add(PlannedFile.Directory(dataDir + "/" + dir));
            }
            entries.Add(new PlannedFile(dataDir + "/" + f.Path, PlannedFileKind.File, f.Content, f.Mode));
        }
        entries.Add(PlannedFile.Symlink("..data", dataDir));
        foreach (var top in files.Select(f => f.Path.Split('/')[0]).Distinct(StringComparer.Ordinal))
        {
            entries.Add(PlannedFile.Symlink(top, "..data/" + top));
        }
        return entries;
    }
}
