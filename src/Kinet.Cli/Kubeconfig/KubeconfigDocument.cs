// Read-modify-write of a kubeconfig file that keeps everything it does not own: other clusters, users, contexts,
// preferences, extensions and unknown fields pass through untouched (YamlDotNet's node tree, not a typed model,
// so nothing unmodelled is dropped). Writes are atomic and mode 0600, like kind and kubectl.
using Kinet.Cli.Security;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kinet.Cli.Kubeconfig;

internal sealed class KubeconfigDocument
{
    private readonly YamlMappingNode _root;

    private KubeconfigDocument(YamlMappingNode root) => _root = root;

    public static KubeconfigDocument Empty() => new(new YamlMappingNode
    {
        { "apiVersion", "v1" },
        { "kind", "Config" },
        { "clusters", new YamlSequenceNode() },
        { "contexts", new YamlSequenceNode() },
        { "current-context", "" },
        { "preferences", new YamlMappingNode() },
        { "users", new YamlSequenceNode() },
    });

    public static KubeconfigDocument Load(string path)
    {
        if (!File.Exists(path)) return Empty();
        return Parse(File.ReadAllText(path), path);
    }

    public static KubeconfigDocument Parse(string text, string source = "kubeconfig")
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new CliException($"cannot read kubeconfig {source}: {e.Message}"); }
        if (stream.Documents.Count == 0) return Empty();
        if (stream.Documents[0].RootNode is YamlMappingNode root) return new KubeconfigDocument(root);
        if (stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" }) return Empty();
        throw new CliException($"cannot read kubeconfig {source}: not a mapping");
    }

    public string? CurrentContext => Scalar(_root, "current-context");

    public IReadOnlyList<string> Names(string section) =>
        Sequence(section, create: false)?.Children.OfType<YamlMappingNode>().Select(n => Scalar(n, "name") ?? "").ToList() ?? [];

    /// <summary>Adds or replaces the entry's cluster, user and context, and makes the context current.</summary>
    public void Upsert(KubeconfigEntry entry)
    {
        Replace("clusters", entry.Name, new YamlMappingNode
        {
            { "cluster", new YamlMappingNode
                {
                    { "certificate-authority-data", entry.CertificateAuthorityData },
                    { "server", entry.Server },
                } },
            { "name", entry.Name },
        });
        Replace("contexts", entry.Name, new YamlMappingNode
        {
            { "context", new YamlMappingNode { { "cluster", entry.Name }, { "user", entry.Name } } },
            { "name", entry.Name },
        });
        Replace("users", entry.Name, new YamlMappingNode
        {
            { "name", entry.Name },
            { "user", new YamlMappingNode { { "token", entry.Token } } },
        });
        _root.Children[new YamlScalarNode("current-context")] = new YamlScalarNode(entry.Name);
    }

    /// <summary>Removes the named cluster, user and context; clears current-context if it pointed there. True if anything changed.</summary>
    public bool Remove(string name)
    {
        var changed = false;
        foreach (var section in new[] { "clusters", "contexts", "users" })
            changed |= Replace(section, name, null);
        if (CurrentContext == name)
        {
            _root.Children[new YamlScalarNode("current-context")] = new YamlScalarNode("");
            changed = true;
        }
        return changed;
    }

    public override string ToString()
    {
        var writer = new StringWriter();
        var emitter = new Emitter(writer, new EmitterSettings().WithBestIndent(2));
        new YamlStream(new YamlDocument(_root)).Save(emitter, assignAnchors: false);
        var text = writer.ToString();
        // The node-tree emitter closes documents with "..."; kubectl does not write it.
        if (text.EndsWith("...\n", StringComparison.Ordinal)) text = text[..^4];
        return text;
    }

    public void Save(string path) => StateFiles.Write(path, ToString(), StateFiles.Private);

    private bool Replace(string section, string name, YamlMappingNode? replacement)
    {
        var sequence = Sequence(section, create: replacement is not null);
        if (sequence is null) return false;
        var index = sequence.Children.ToList().FindIndex(n => n is YamlMappingNode m && Scalar(m, "name") == name);
        if (index >= 0) sequence.Children.RemoveAt(index);
        if (replacement is null) return index >= 0;
        sequence.Children.Insert(index >= 0 ? index : sequence.Children.Count, replacement);
        return true;
    }

    private YamlSequenceNode? Sequence(string section, bool create)
    {
        if (_root.Children.TryGetValue(new YamlScalarNode(section), out var node) && node is YamlSequenceNode sequence)
            return sequence;
        if (!create) return null;
        // Absent, or null ("clusters: null" as kubectl writes for an emptied list).
        sequence = new YamlSequenceNode();
        _root.Children[new YamlScalarNode(section)] = sequence;
        return sequence;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
