// `kinet up --config FILE`: kind's cluster configuration format. For now only checked to be a kind Cluster document;
// it is stored with the cluster and handed to the daemon, which a later issue teaches to read it.
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kinet.Cli.Config;

internal static class ClusterConfigFile
{
    public const string Kind = "Cluster";
    public const string ApiVersion = "kind.x-k8s.io/v1alpha4";

    /// <summary>Reads and checks the file; returns its text. Throws <see cref="CliException"/> with one readable line.</summary>
    public static string ReadAndValidate(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read cluster config {path}: {e.Message}");
        }
        Validate(text, path);
        return text;
    }

    public static void Validate(string text, string source)
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
    }

    private static string Show(string? value) => value is null ? "missing" : $"\"{value}\"";

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
