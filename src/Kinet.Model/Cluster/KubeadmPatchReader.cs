// Reads kind's kubeadmConfigPatches (inline YAML merge patches over the kubeadm config kind generates). Kinet has no
// kubeadm; it honours what decides the Node object (nodeRegistration.kubeletExtraArgs.node-labels and
// nodeRegistration.taints of Init/JoinConfiguration) and warns about everything else, one line per field.
using YamlDotNet.RepresentationModel;
using static Kinet.Model.Cluster.ConfigYaml;

namespace Kinet.Model.Cluster;

internal static class KubeadmPatchReader
{
    /// <summary>kind generates kubeadm.k8s.io/v1beta3 documents for Kubernetes 1.23 to 1.35.</summary>
    public const string KubeadmApiVersion = "kubeadm.k8s.io/v1beta3";

    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static List<KubeadmPatch> Read(YamlNode patches, string path, List<string> warnings)
    {
        var result = new List<KubeadmPatch>();
        if (IsNull(patches)) return result;
        var list = Sequence(patches, path);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var text = String(list.Children[i], itemPath) ?? "";
            foreach (var doc in LoadDocuments(text, itemPath))
                if (ReadDocument(Mapping(doc, itemPath), itemPath, warnings) is { } patch) result.Add(patch);
        }
        return result;
    }

    private static KubeadmPatch? ReadDocument(YamlMappingNode doc, string path, List<string> warnings)
    {
        string? kind = null, apiVersion = null;
        foreach (var (k, v) in Entries(doc, path))
        {
            if (k == "kind") kind = String(v, $"{path} kind");
            else if (k == "apiVersion") apiVersion = String(v, $"{path} apiVersion");
        }
        if (string.IsNullOrEmpty(kind)) throw Error(doc, $"{path}: a kubeadm config patch needs a kind");
        if (kind is not (KubeadmPatch.Init or KubeadmPatch.Join))
        {
            warnings.Add($"ignoring {path} (kind: {kind}): no meaning in Kinet");
            return null;
        }
        if (apiVersion is not null && apiVersion != KubeadmApiVersion)
        {
            warnings.Add($"ignoring {path}: apiVersion {apiVersion} matches none of the kubeadm documents kind generates for Kubernetes {ClusterSpec.KubernetesVersion} ({KubeadmApiVersion})");
            return null;
        }

        string? labels = null;
        var setsLabels = false;
        ValueList<NodeTaint>? taints = null;
        foreach (var (k, v) in Entries(doc, path))
        {
            if (k is "kind" or "apiVersion" or "metadata") continue;
            if (k != "nodeRegistration") { Ignore(warnings, path, k); continue; }
            if (IsNull(v)) continue;
            foreach (var (rk, rv) in Entries(Mapping(v, $"{path} nodeRegistration"), $"{path} nodeRegistration"))
            {
                var field = $"nodeRegistration.{rk}";
                if (rk == "taints") taints = Taints(rv, path, field);
                else if (rk == "kubeletExtraArgs") (setsLabels, labels) = KubeletArgs(rv, path, field, warnings);
                else Ignore(warnings, path, field);
            }
        }
        return new KubeadmPatch(kind, path, labels, setsLabels, taints);
    }

    /// <summary>kubeletExtraArgs as a map (kubeadm v1beta3) or a list of {name, value} (v1beta4).</summary>
    private static (bool, string?) KubeletArgs(YamlNode node, string path, string field, List<string> warnings)
    {
        var sets = false;
        string? labels = null;
        if (IsNull(node)) return (false, null);
        if (node is YamlSequenceNode seq)
        {
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var itemPath = $"{path} {field}[{i}]";
                string? name = null, value = null;
                foreach (var (k, v) in Entries(Mapping(seq.Children[i], itemPath), itemPath))
                    if (k == "name") name = String(v, itemPath + ".name");
                    else if (k == "value") value = String(v, itemPath + ".value");
                    else throw Error(v, $"{itemPath}: unknown field \"{k}\"");
                if (name == "node-labels") (sets, labels) = (true, value);
                else Ignore(warnings, path, $"{field}[{i}] ({name})");
            }
            return (sets, labels);
        }
        foreach (var (k, v) in Entries(Mapping(node, $"{path} {field}"), $"{path} {field}"))
        {
            if (k == "node-labels") (sets, labels) = (true, String(v, $"{path} {field}.node-labels"));
            else Ignore(warnings, path, $"{field}.{k}");
        }
        return (sets, labels);
    }

    private static ValueList<NodeTaint> Taints(YamlNode node, string path, string field)
    {
        if (IsNull(node)) return ValueList<NodeTaint>.Empty;
        var seq = Sequence(node, $"{path} {field}");
        var taints = new List<NodeTaint>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var itemPath = $"{path} {field}[{i}]";
            string? key = null, value = null, effect = null;
            foreach (var (k, v) in Entries(Mapping(seq.Children[i], itemPath), itemPath))
            {
                switch (k)
                {
                    case "key": key = String(v, itemPath + ".key"); break;
                    case "value": value = String(v, itemPath + ".value"); break;
                    case "effect": effect = String(v, itemPath + ".effect"); break;
                    case "timeAdded": break;
                    default: throw Error(v, $"{itemPath}: unknown field \"{k}\"");
                }
            }
            if (string.IsNullOrEmpty(key) || Selectors.LabelSyntax.ValidateKey(key) is not null)
                throw Error(seq.Children[i], $"{itemPath}.key: \"{key}\" is not a valid taint key");
            if (effect is null || !Effects.Contains(effect))
                throw Error(seq.Children[i], $"{itemPath}.effect: \"{effect}\" is not one of {string.Join(", ", Effects)}");
            if (!string.IsNullOrEmpty(value) && Selectors.LabelSyntax.ValidateValue(value) is { } problem)
                throw Error(seq.Children[i], $"{itemPath}.value: {problem}");
            taints.Add(new NodeTaint(key, string.IsNullOrEmpty(value) ? null : value, effect));
        }
        return new ValueList<NodeTaint>(taints);
    }

    private static void Ignore(List<string> warnings, string path, string field) =>
        warnings.Add($"ignoring {path} {field}: no meaning in Kinet");
}
