// `kinet up --config FILE`: kind's cluster configuration format, read by Kinet.Model's ClusterConfig (the one parser):
// a bad file is refused with one line before anything is created; fields without meaning here are warned about.
// The file is stored with the cluster for the daemon.
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kinet.Cli.Config;

internal static class ClusterConfigFile
{
    public const string Kind = "Cluster";
    public const string ApiVersion = "kind.x-k8s.io/v1alpha4";

    /// <summary>Reads and checks the file; returns its text and the warnings. Throws <see cref="CliException"/> with one readable line.</summary>
    public static (string Text, IReadOnlyList<string> Warnings) ReadAndValidate(string path, string clusterName)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read cluster config {path}: {e.Message}");
        }
        return (text, Validate(text, path, clusterName));
    }

    public static IReadOnlyList<string> Validate(string text, string source, string clusterName = "kinet")
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new CliException($"cluster config {source} is not valid YAML: {e.Message}"); }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new CliException($"cluster config {source} must be one YAML document with kind: {Kind} and apiVersion: {ApiVersion}");
        var kind = Scalar(root, "kind");
        var apiVersion = Scalar(root, "apiVersion");
        if (kind != Kind)
            throw new CliException($"cluster config {source}: kind is {Show(kind)}, expected {Kind}");
        if (apiVersion != ApiVersion)
            throw new CliException($"cluster config {source}: apiVersion is {Show(apiVersion)}, expected {ApiVersion}");
        try
        {
            return Kinet.Model.Cluster.ClusterConfig.Parse(text, clusterName).Warnings.ToArray();
        }
        catch (Kinet.Model.Cluster.ClusterConfigException e)
        {
            throw new CliException($"cluster config {source}: {e.Message}");
        }
    }

    private static string Show(string? value) => value is null ? "missing" : $"\"{value}\"";

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
