// What a kubelet accepts in --node-labels (kubelet's ValidateKubeletFlags): valid label syntax, and no labels in the
// kubernetes.io / k8s.io namespaces except the ones a kubelet may set on itself. kind passes nodes[].labels through
// --node-labels, so `node-role.kubernetes.io/worker` fails there too, and here with the kubelet's message.
using Kinet.Model.Selectors;

namespace Kinet.Model.Cluster;

public static class NodeLabelRules
{
    private static readonly string[] KubeletLabels =
    [
        "beta.kubernetes.io/arch", "beta.kubernetes.io/instance-type", "beta.kubernetes.io/os",
        "failure-domain.beta.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone",
        "kubernetes.io/arch", "kubernetes.io/hostname", "kubernetes.io/os", "node.kubernetes.io/instance-type",
        "topology.kubernetes.io/region", "topology.kubernetes.io/zone",
    ];

    private static readonly string[] KubeletLabelNamespaces = ["kubelet.kubernetes.io", "node.kubernetes.io"];

    /// <summary>Parses kubelet's --node-labels value "a=b, c=d" (a pair without '=' gets an empty value).</summary>
    public static Dictionary<string, string> ParseFlag(string value)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(','))
        {
            var s = part.Trim();
            if (s.Length == 0) continue;
            var eq = s.IndexOf('=');
            if (eq < 0) labels[s] = "";
            else labels[s[..eq].Trim()] = s[(eq + 1)..].Trim();
        }
        return labels;
    }

    /// <summary>Null when a kubelet would accept the labels, else its complaint on one line.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string> labels)
    {
        var unknown = labels.Keys.Where(k => IsKubernetesLabel(k) && !IsKubeletLabel(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            return $"unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels: [{string.Join(" ", unknown)}]; " +
                $"--node-labels in the 'kubernetes.io' namespace must begin with an allowed prefix ({string.Join(", ", KubeletLabelNamespaces)}) " +
                $"or be in the specifically allowed set ({string.Join(", ", KubeletLabels)})";
        var invalid = new List<string>();
        foreach (var (k, v) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (LabelSyntax.ValidateKey(k) is { } keyProblem) invalid.Add($"'{k}' - {keyProblem}");
            if (LabelSyntax.ValidateValue(v) is { } valueProblem) invalid.Add($"'{v}' - {valueProblem}");
        }
        return invalid.Count > 0 ? "invalid node labels: " + string.Join("; ", invalid) : null;
    }

    private static bool IsKubernetesLabel(string key)
    {
        var ns = Namespace(key);
        return ns == "kubernetes.io" || ns.EndsWith(".kubernetes.io", StringComparison.Ordinal)
            || ns == "k8s.io" || ns.EndsWith(".k8s.io", StringComparison.Ordinal);
    }

    private static bool IsKubeletLabel(string key)
    {
        if (KubeletLabels.Contains(key)) return true;
        var ns = Namespace(key);
        return KubeletLabelNamespaces.Any(a => ns == a || ns.EndsWith("." + a, StringComparison.Ordinal));
    }

    private static string Namespace(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? "" : key[..slash];
    }
}
