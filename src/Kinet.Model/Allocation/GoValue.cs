// A value already rendered the way Go's %#v prints it in a field.Error ("[]string{\"10.0.0.1\"}"): kube-apiserver
// 1.32 puts the whole spec.clusterIPs slice in its ClusterIP allocation errors. ToString returns the rendering, so
// an error formatter that falls back to ToString prints it verbatim.
namespace Kinet.Model.Allocation;

public sealed class GoValue
{
    private readonly string _text;

    private GoValue(string text) => _text = text;

    public static GoValue StringSlice(IEnumerable<string> items) =>
        new("[]string{" + string.Join(", ", items.Select(Quote)) + "}");

    /// <summary>Go's %q for the characters a Kubernetes string field can realistically hold.</summary>
    public static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    public override string ToString() => _text;
}
