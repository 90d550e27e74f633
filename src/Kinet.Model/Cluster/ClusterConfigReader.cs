// The work of ClusterConfig.Parse: walks the YAML tree field by field (kind's v1alpha4 types), collecting warnings.
using YamlDotNet.RepresentationModel;
using static Kinet.Model.Cluster.ConfigYaml;

namespace Kinet.Model.Cluster;

internal sealed class ClusterConfigReader(string clusterName)
{
    private readonly List<string> _warnings = [];
    private readonly List<(int Index, NodeRole Role, Dictionary<string, string> Labels, List<KubeadmPatch> Patches)> _nodes = [];
    private List<KubeadmPatch> _clusterPatches = [];
    private ClusterSpec _spec = new() { Name = clusterName, Nodes = ValueList<NodeSpec>.Empty };
    private string? _configName;
    private bool _underlaySet;
    private bool _poolSet;

    public ClusterConfigResult Read(string yaml)
    {
        var root = LoadSingleDocument(yaml, "the cluster config")
            ?? throw new ClusterConfigException($"the cluster config is empty; expected kind: {ClusterConfig.Kind} and apiVersion: {ClusterConfig.ApiVersion}");
        var map = Mapping(root, "the cluster config");
        CheckTypeMeta(map);
        foreach (var (key, value) in Entries(map, ""))
        {
            switch (key)
            {
                case "kind" or "apiVersion": break;
                case "name": _configName = String(value, "name"); break;
                case "nodes": ReadNodes(value); break;
                case "networking": new NetworkingReader(_warnings).Read(value, ref _spec, out _underlaySet, out _poolSet); break;
                case "kubeadmConfigPatches": _clusterPatches = KubeadmPatchReader.Read(value, "kubeadmConfigPatches", _warnings); break;
                case "featureGates" or "runtimeConfig" or "kubeadmConfigPatchesJSON6902" or "containerdConfigPatches" or "containerdConfigPatchesJSON6902":
                    if (HasContent(value)) _warnings.Add($"ignoring {key}: no meaning in Kinet");
                    break;
                default: throw Error(value, $"unknown field \"{key}\" in {ClusterConfig.Kind} ({ClusterConfig.ApiVersion})");
            }
        }
        if (!string.IsNullOrEmpty(_configName) && _configName != clusterName)
            _warnings.Add($"ignoring name \"{_configName}\": this cluster is named \"{clusterName}\" (kinet up --name)");
        CheckAddressPlan();
        return new ClusterConfigResult(_spec with { Nodes = Layout() }, new ValueList<string>(_warnings), _configName);
    }

    private static void CheckTypeMeta(YamlMappingNode map)
    {
        string? kind = null, apiVersion = null;
        foreach (var (k, v) in Entries(map, ""))
        {
            if (k == "kind") kind = String(v, "kind");
            if (k == "apiVersion") apiVersion = String(v, "apiVersion");
        }
        if (string.IsNullOrEmpty(apiVersion))
            throw new ClusterConfigException($"apiVersion is missing; expected apiVersion: {ClusterConfig.ApiVersion}");
        if (apiVersion != ClusterConfig.ApiVersion)
            throw new ClusterConfigException($"unknown apiVersion: {apiVersion} (Kinet reads kind's {ClusterConfig.ApiVersion})");
        if (kind != ClusterConfig.Kind)
            throw new ClusterConfigException($"unknown kind {(string.IsNullOrEmpty(kind) ? "\"\"" : kind)} for apiVersion: {apiVersion}; expected kind: {ClusterConfig.Kind}");
    }

    private void ReadNodes(YamlNode value)
    {
        if (IsNull(value)) return;
        var list = Sequence(value, "nodes");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"nodes[{i}]";
            var node = list.Children[i];
            var role = NodeRole.ControlPlane; // kind's default role
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var patches = new List<KubeadmPatch>();
            if (!IsNull(node))
            {
                foreach (var (key, v) in Entries(Mapping(node, path), path))
                {
                    var field = $"{path}.{key}";
                    switch (key)
                    {
                        case "role": role = Role(v, field); break;
                        case "labels": labels = StringMap(v, field); break;
                        case "kubeadmConfigPatches": patches = KubeadmPatchReader.Read(v, field, _warnings); break;
                        case "image": Warn(v, field, $"Kinet runs Kubernetes {ClusterSpec.KubernetesVersion} without node images"); break;
                        case "extraMounts": Warn(v, field, "nodes share the host's filesystem"); break;
                        case "extraPortMappings": Warn(v, field, "the host reaches node addresses directly"); break;
                        case "kubeadmConfigPatchesJSON6902": Warn(v, field, null); break;
                        default: throw Error(v, $"unknown field \"{key}\" in {path}");
                    }
                }
            }
            _nodes.Add((i, role, labels, patches));
        }
    }

    private static NodeRole Role(YamlNode v, string field) => String(v, field) switch
    {
        null or "" or "control-plane" => NodeRole.ControlPlane,
        "worker" => NodeRole.Worker,
        var other => throw Error(v, $"{field}: \"{other}\" is not a valid node role (control-plane or worker)"),
    };

    private void Warn(YamlNode v, string field, string? why)
    {
        if (HasContent(v)) _warnings.Add($"ignoring {field}: no meaning in Kinet{(why is null ? "" : $" ({why})")}");
    }

    private void CheckAddressPlan()
    {
        var s = _spec;
        if (Ipv4.Overlaps(s.PodSubnet, s.ServiceSubnet))
            throw new ClusterConfigException($"networking.podSubnet {s.PodSubnet} overlaps networking.serviceSubnet {s.ServiceSubnet}");
        if (Ipv4.Overlaps(s.UnderlaySubnet, s.PodSubnet))
            throw new ClusterConfigException($"networking.kinetUnderlaySubnet {s.UnderlaySubnet} overlaps networking.podSubnet {s.PodSubnet}");
        if (Ipv4.Overlaps(s.UnderlaySubnet, s.ServiceSubnet))
            throw new ClusterConfigException($"networking.kinetUnderlaySubnet {s.UnderlaySubnet} overlaps networking.serviceSubnet {s.ServiceSubnet}");
        if (!s.UnderlaySubnet.Contains(s.LoadBalancerRange.First) || !s.UnderlaySubnet.Contains(s.LoadBalancerRange.Last))
            throw new ClusterConfigException(
                $"networking.kinetLoadBalancerRange {s.LoadBalancerRange} is not inside the underlay {s.UnderlaySubnet}" +
                (_underlaySet && !_poolSet ? "; set networking.kinetLoadBalancerRange too" : ""));
        var broadcast = Ipv4.At(s.UnderlaySubnet, Ipv4.Size(s.UnderlaySubnet) - 1);
        if (s.LoadBalancerRange.Contains(s.UnderlayGateway) || s.LoadBalancerRange.Contains(broadcast))
            throw new ClusterConfigException($"networking.kinetLoadBalancerRange {s.LoadBalancerRange} includes the underlay's gateway or broadcast address");
    }

    private ValueList<NodeSpec> Layout()
    {
        if (_nodes.Count == 0) _nodes.Add((0, NodeRole.ControlPlane, new(StringComparer.Ordinal), [])); // kind's default: one control plane
        if (_nodes.All(n => n.Role != NodeRole.ControlPlane))
            throw new ClusterConfigException("must have at least one control-plane node");
        var bootstrap = _nodes.First(n => n.Role == NodeRole.ControlPlane).Index;
        var single = _nodes.Count == 1;
        var configured = new List<ConfiguredNode>();
        foreach (var n in _nodes)
        {
            var target = n.Index == bootstrap ? KubeadmPatch.Init : KubeadmPatch.Join;
            var labels = n.Labels;
            string? labelSource = null;
            var taints = n.Role == NodeRole.ControlPlane ? new ValueList<NodeTaint>([NodeTaint.ControlPlane]) : ValueList<NodeTaint>.Empty;
            // Merge patches apply in order, cluster-level first: the last one to set a field wins, as in kind.
            // kind applies every patch to every matching document, but a node only uses one of them: say so.
            foreach (var p in n.Patches.Where(p => p.TargetKind != target))
                _warnings.Add(target == KubeadmPatch.Join
                    ? $"ignoring {p.Path}: {p.TargetKind} applies only to the first control-plane node; nodes[{n.Index}] joins with {KubeadmPatch.Join}"
                    : $"ignoring {p.Path}: nodes[{n.Index}] is the first control-plane node, which kubeadm sets up with {KubeadmPatch.Init}");
            foreach (var p in _clusterPatches.Concat(n.Patches).Where(p => p.TargetKind == target))
            {
                if (p.SetsNodeLabels) (labels, labelSource) = (NodeLabelRules.ParseFlag(p.NodeLabels ?? ""), p.Path);
                if (p.Taints is not null) taints = p.Taints;
            }
            if (labelSource is not null && n.Labels.Count > 0)
                _warnings.Add($"nodes[{n.Index}].labels are replaced by node-labels from {labelSource} ({target}), as kind does");
            if (NodeLabelRules.Problem(labels) is { } problem)
                throw new ClusterConfigException($"nodes[{n.Index}] ({labelSource ?? $"nodes[{n.Index}].labels"}): {problem}");
            // kind removes the control-plane taint when the cluster is a single node, so that pods can run on it.
            if (single) taints = new ValueList<NodeTaint>(taints.Where(t => t.Key != NodeTaint.ControlPlane.Key));
            configured.Add(new ConfiguredNode(n.Index, n.Role, new LabelMap(labels), taints));
        }
        if (single)
            foreach (var p in _clusterPatches.Where(p => p.TargetKind == KubeadmPatch.Join))
                _warnings.Add($"ignoring {p.Path}: {KubeadmPatch.Join} applies to no node of a one-node cluster");
        return ClusterLayout.Place(clusterName, configured, _spec.PodSubnet, _spec.NodeCidrPrefixLength, _spec.UnderlaySubnet, _spec.LoadBalancerRange);
    }
}
