// Locates ../shared (beside the checkout, as in CI) and extracts the seed tutorial's manifests.
using System.Text;

namespace Kinet.Api.Tests.Support;

public static class SharedData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string SeedTutorial => Path.Combine(SharedDir, "seed", "kubernetes-networking-tutorial.md");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kinet.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kinet.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// The manifests of the seed tutorial, in order. The tutorial has no code fences: a manifest starts at a line
    /// `apiVersion:` and runs while lines look like YAML (indented, a list item, a top-level key, a comment or blank).
    /// </summary>
    public static IReadOnlyList<string> SeedManifests()
    {
        var lines = File.ReadAllLines(SeedTutorial);
        var result = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("apiVersion:", StringComparison.Ordinal)) continue;
            var sb = new StringBuilder();
            var j = i;
            for (; j < lines.Length; j++)
            {
                var l = lines[j];
                if (j > i && l.StartsWith("apiVersion:", StringComparison.Ordinal)) break;
                var yamlish = l.Length == 0 || l.StartsWith(' ') || l.StartsWith("- ", StringComparison.Ordinal)
                              || System.Text.RegularExpressions.Regex.IsMatch(l, "^[a-z][a-zA-Z]*:( |$)");
                if (!yamlish) break;
                sb.AppendLine(l);
            }
            result.Add(sb.ToString().TrimEnd() + "\n");
            i = j - 1;
        }
        return result;
    }
}
