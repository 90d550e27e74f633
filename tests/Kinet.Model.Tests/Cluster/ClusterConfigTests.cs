// kind cluster configs to ClusterSpec: names, roles, labels, addresses and pod CIDRs as kind and kube-controller-manager give them.
// Conventions: cluster "lab" unless a test says otherwise; DESIGN.md's address plan (underlay 172.18.0.0/16, pods 10.244.0.0/16).
using System.Net;
using Kinet.Model.Cluster;

namespace Kinet.Model.Tests.Cluster;

public class ClusterConfigTests
{
    private const string Header = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n";

    private static ClusterConfigResult Parse(string body, string name = "lab") => ClusterConfig.Parse(Header + body, name);

    private static string Describe(NodeSpec n) => $"{n.Name} {n.Role} {n.InternalIP} {n.PodCidr} [{n.Labels}] [{string.Join(" ", n.Taints)}]";

    [Fact]
    public void Without_a_file_the_cluster_is_one_control_plane_and_two_workers()
    {
        var result = ClusterConfig.Parse(null, "kinet");
        Assert.Empty(result.Warnings);
        Assert.Equal(
        [
            "kinet-control-plane ControlPlane 172.18.0.2 10.244.0.0/24 [] [node-role.kubernetes.io/control-plane:NoSchedule]",
            "kinet-worker Worker 172.18.0.3 10.244.1.0/24 [] []",
            "kinet-worker2 Worker 172.18.0.4 10.244.2.0/24 [] []",
        ], result.Spec.Nodes.Select(Describe));
        var s = result.Spec;
        Assert.Equal(("10.244.0.0/16", "10.96.0.0/12", "172.18.0.0/16", "172.18.255.200-172.18.255.250"),
            (s.PodSubnet.ToString(), s.ServiceSubnet.ToString(), s.UnderlaySubnet.ToString(), s.LoadBalancerRange.ToString()));
        Assert.Equal(("10.96.0.1", "10.96.0.10", "172.18.0.1"), (s.KubernetesServiceIP.ToString(), s.DnsServiceIP.ToString(), s.UnderlayGateway.ToString()));
        Assert.Equal((KubeProxyMode.Iptables, PodNetworkMode.Routed, false, (int?)null), (s.KubeProxyMode, s.PodNetworkMode, s.DisableDefaultCni, s.ApiServerPort));
    }

    [Fact]
    public void The_companion_lab_config_gives_three_nodes_with_region_and_zone_labels()
    {
        var result = ClusterConfig.Parse(LabConfig.Yaml, "lab");
        Assert.Equal(
        [
            "lab-control-plane ControlPlane 172.18.0.2 10.244.0.0/24 [ingress-ready=true] [node-role.kubernetes.io/control-plane:NoSchedule]",
            "lab-worker Worker 172.18.0.3 10.244.1.0/24 [topology.kubernetes.io/region=us-east-1,topology.kubernetes.io/zone=us-east-1a] []",
            "lab-worker2 Worker 172.18.0.4 10.244.2.0/24 [topology.kubernetes.io/region=us-east-1,topology.kubernetes.io/zone=us-east-1b] []",
        ], result.Spec.Nodes.Select(Describe));
        Assert.Equal("networking-lab", result.ConfigName);
        Assert.Equal(["ignoring name \"networking-lab\": this cluster is named \"lab\" (kinet up --name)"], result.Warnings);
    }

    [Fact]
    public void A_file_without_nodes_is_a_single_control_plane_without_its_taint_as_in_kind()
    {
        var spec = Parse("").Spec;
        Assert.Equal(["lab-control-plane ControlPlane 172.18.0.2 10.244.0.0/24 [] []"], spec.Nodes.Select(Describe));
    }

    [Fact]
    public void Nodes_are_named_per_role_in_order_and_control_planes_are_placed_first()
    {
        var spec = Parse("nodes:\n- role: worker\n- role: control-plane\n- role: worker\n- role: control-plane\n- {}\n").Spec;
        Assert.Equal(
        [
            "lab-control-plane 172.18.0.2 10.244.0.0/24 1",
            "lab-control-plane2 172.18.0.3 10.244.1.0/24 3",
            "lab-control-plane3 172.18.0.4 10.244.2.0/24 4",
            "lab-worker 172.18.0.5 10.244.3.0/24 0",
            "lab-worker2 172.18.0.6 10.244.4.0/24 2",
        ], spec.Nodes.Select(n => $"{n.Name} {n.InternalIP} {n.PodCidr} {n.ConfigIndex}"));
        Assert.All(spec.Nodes.Where(n => n.Role == NodeRole.ControlPlane), n => Assert.Equal([NodeTaint.ControlPlane], n.Taints));
    }

    [Fact]
    public void Networking_fields_set_the_address_plan()
    {
        var spec = Parse("""
            networking:
              podSubnet: 192.168.0.0/16
              serviceSubnet: 10.100.0.0/16
              kubeProxyMode: nftables
              apiServerPort: 6443
              apiServerAddress: 127.0.0.1
              kinetMode: vxlan
              kinetUnderlaySubnet: 172.30.0.0/24
              kinetLoadBalancerRange: 172.30.0.200-172.30.0.210
            nodes:
            - role: control-plane
            - role: worker
            """).Spec;
        Assert.Equal(["192.168.0.0/24 172.30.0.2", "192.168.1.0/24 172.30.0.3"], spec.Nodes.Select(n => $"{n.PodCidr} {n.InternalIP}"));
        Assert.Equal(("10.100.0.1", "10.100.0.10"), (spec.KubernetesServiceIP.ToString(), spec.DnsServiceIP.ToString()));
        Assert.Equal((KubeProxyMode.Nftables, PodNetworkMode.Vxlan, (int?)6443, 11),
            (spec.KubeProxyMode, spec.PodNetworkMode, spec.ApiServerPort, spec.LoadBalancerRange.Count));
    }

    [Fact]
    public void Subnets_with_host_bits_are_masked_as_go_parses_cidrs()
    {
        var spec = Parse("networking:\n  podSubnet: 10.244.7.9/16\n").Spec;
        Assert.Equal("10.244.0.0/16", spec.PodSubnet.ToString());
    }

    [Fact]
    public void A_node_labels_patch_replaces_the_nodes_labels_as_kind_merge_patches_do_and_says_so()
    {
        var result = Parse("""
            nodes:
            - role: control-plane
              labels: {a: "1"}
              kubeadmConfigPatches:
              - |
                kind: InitConfiguration
                nodeRegistration:
                  kubeletExtraArgs:
                    node-labels: "b=2, c"
            """);
        Assert.Equal("b=2,c=", result.Spec.Nodes[0].Labels.ToString());
        Assert.Equal(["nodes[0].labels are replaced by node-labels from nodes[0].kubeadmConfigPatches[0] (InitConfiguration), as kind does"], result.Warnings);
    }

    [Fact]
    public void Cluster_level_patches_reach_the_bootstrap_node_through_InitConfiguration_and_the_others_through_JoinConfiguration()
    {
        var spec = Parse("""
            kubeadmConfigPatches:
            - |
              kind: InitConfiguration
              nodeRegistration:
                kubeletExtraArgs:
                  node-labels: "first=yes"
            - |
              apiVersion: kubeadm.k8s.io/v1beta3
              kind: JoinConfiguration
              nodeRegistration:
                kubeletExtraArgs:
                  - name: node-labels
                    value: "joined=yes"
            nodes:
            - role: control-plane
            - role: control-plane
            - role: worker
              kubeadmConfigPatches:
              - |
                kind: JoinConfiguration
                nodeRegistration:
                  kubeletExtraArgs:
                    node-labels: "joined=last-wins"
            """).Spec;
        Assert.Equal(["first=yes", "joined=yes", "joined=last-wins"], spec.Nodes.Select(n => n.Labels.ToString()));
    }

    [Fact]
    public void Patched_taints_replace_kubeadms_defaults()
    {
        var spec = Parse("""
            nodes:
            - role: control-plane
              kubeadmConfigPatches:
              - |
                kind: InitConfiguration
                nodeRegistration:
                  taints: []
            - role: worker
              kubeadmConfigPatches:
              - |
                kind: JoinConfiguration
                nodeRegistration:
                  taints:
                  - key: dedicated
                    value: gpu
                    effect: NoExecute
            """).Spec;
        Assert.Equal(["", "dedicated=gpu:NoExecute"], spec.Nodes.Select(n => string.Join(" ", n.Taints)));
    }

    [Theory]
    [InlineData("featureGates: {SomeGate: true}", "ignoring featureGates: no meaning in Kinet")]
    [InlineData("runtimeConfig: {\"api/alpha\": \"false\"}", "ignoring runtimeConfig: no meaning in Kinet")]
    [InlineData("containerdConfigPatches: [\"x\"]", "ignoring containerdConfigPatches: no meaning in Kinet")]
    [InlineData("nodes:\n- role: control-plane\n  image: kindest/node:v1.32.0", "ignoring nodes[0].image: no meaning in Kinet (Kinet runs Kubernetes v1.32.0 without node images)")]
    [InlineData("nodes:\n- role: control-plane\n- role: worker\n  extraMounts:\n  - hostPath: /tmp\n    containerPath: /data", "ignoring nodes[1].extraMounts: no meaning in Kinet (nodes share the host's filesystem)")]
    [InlineData("nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 80", "ignoring nodes[0].extraPortMappings: no meaning in Kinet (the host reaches node addresses directly)")]
    [InlineData("networking:\n  dnsSearch: [example.com]", "ignoring networking.dnsSearch: no meaning in Kinet")]
    [InlineData("networking:\n  apiServerAddress: 0.0.0.0", "ignoring networking.apiServerAddress: 0.0.0.0: Kinet's API server listens on 127.0.0.1 only")]
    [InlineData("networking:\n  disableDefaultCNI: true", "networking.disableDefaultCNI: Kinet's own pod network stays on (a CNI installed into the cluster does not run)")]
    [InlineData("kubeadmConfigPatches:\n- |\n  kind: ClusterConfiguration\n  apiServer: {}", "ignoring kubeadmConfigPatches[0] (kind: ClusterConfiguration): no meaning in Kinet")]
    [InlineData("kubeadmConfigPatches:\n- |\n  kind: InitConfiguration\n  nodeRegistration:\n    criSocket: x", "ignoring kubeadmConfigPatches[0] nodeRegistration.criSocket: no meaning in Kinet")]
    [InlineData("kubeadmConfigPatches:\n- |\n  kind: InitConfiguration\n  nodeRegistration:\n    kubeletExtraArgs:\n      max-pods: \"50\"", "ignoring kubeadmConfigPatches[0] nodeRegistration.kubeletExtraArgs.max-pods: no meaning in Kinet")]
    [InlineData("kubeadmConfigPatches:\n- |\n  apiVersion: kubeadm.k8s.io/v1beta2\n  kind: InitConfiguration", "ignoring kubeadmConfigPatches[0]: apiVersion kubeadm.k8s.io/v1beta2 matches none of the kubeadm documents kind generates for Kubernetes v1.32.0 (kubeadm.k8s.io/v1beta3)")]
    [InlineData("nodes:\n- role: control-plane\n- role: worker\n  kubeadmConfigPatches:\n  - |\n    kind: InitConfiguration\n    nodeRegistration:\n      kubeletExtraArgs:\n        node-labels: ingress-ready=true",
        "ignoring nodes[1].kubeadmConfigPatches[0]: InitConfiguration applies only to the first control-plane node; nodes[1] joins with JoinConfiguration")]
    [InlineData("nodes:\n- role: control-plane\n  kubeadmConfigPatches:\n  - |\n    kind: JoinConfiguration",
        "ignoring nodes[0].kubeadmConfigPatches[0]: nodes[0] is the first control-plane node, which kubeadm sets up with InitConfiguration")]
    [InlineData("kubeadmConfigPatches:\n- |\n  kind: JoinConfiguration", "ignoring kubeadmConfigPatches[0]: JoinConfiguration applies to no node of a one-node cluster")]
    public void Kind_fields_without_meaning_here_are_one_warning_line_each(string body, string warning) =>
        Assert.Equal([warning], Parse(body).Warnings);

    [Theory]
    [InlineData("featureGates: {}")]
    [InlineData("networking:\n  apiServerAddress: 127.0.0.1\n  ipFamily: ipv4\n  kubeProxyMode: iptables")]
    [InlineData("nodes:\n- role: control-plane\n  extraMounts: []")]
    public void Empty_or_matching_fields_warn_about_nothing(string body) => Assert.Empty(Parse(body).Warnings);

    [Theory]
    [InlineData("", "", "the cluster config is empty; expected kind: Cluster and apiVersion: kind.x-k8s.io/v1alpha4")]
    [InlineData("kind: Cluster\n", "", "apiVersion is missing; expected apiVersion: kind.x-k8s.io/v1alpha4")]
    [InlineData("kind: Cluster\napiVersion: kind.sigs.k8s.io/v1alpha3\n", "", "unknown apiVersion: kind.sigs.k8s.io/v1alpha3 (Kinet reads kind's kind.x-k8s.io/v1alpha4)")]
    [InlineData("kind: Pod\napiVersion: kind.x-k8s.io/v1alpha4\n", "", "unknown kind Pod for apiVersion: kind.x-k8s.io/v1alpha4; expected kind: Cluster")]
    [InlineData(Header, "nodes: [\n", "the cluster config is not valid YAML: line 4: ")]
    [InlineData(Header, "---\n---\n", "the cluster config must be one YAML document")]
    [InlineData(Header, "node: []", "line 3: unknown field \"node\" in Cluster (kind.x-k8s.io/v1alpha4)")]
    [InlineData(Header, "nodes:\n- role: control-plane\n  rol: worker", "line 5: unknown field \"rol\" in nodes[0]")]
    [InlineData(Header, "nodes:\n- role: master", "line 4: nodes[0].role: \"master\" is not a valid node role (control-plane or worker)")]
    [InlineData(Header, "nodes:\n- role: worker", "must have at least one control-plane node")]
    [InlineData(Header, "nodes: {}", "line 3: nodes: must be a list")]
    [InlineData(Header, "networking:\n  podSubnet: 10.244.0.0", "line 4: networking.podSubnet: invalid pod subnet \"10.244.0.0\": not a CIDR such as 10.244.0.0/16")]
    [InlineData(Header, "networking:\n  podSubnet: 10.244.0.0/25", "line 4: networking.podSubnet: 10.244.0.0/25 is smaller than one node's /24 (kube-controller-manager's --node-cidr-mask-size)")]
    [InlineData(Header, "networking:\n  podSubnet: fd00:10:244::/64", "line 4: networking.podSubnet: invalid pod subnet fd00:10:244::/64: expected IPv4 CIDR for IPv4 family")]
    [InlineData(Header, "networking:\n  serviceSubnet: 10.0.0.0/8", "line 4: networking.serviceSubnet: specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12")]
    [InlineData(Header, "networking:\n  serviceSubnet: 10.96.0.0/16,fd00::/108", "line 4: networking.serviceSubnet: invalid service subnet 10.96.0.0/16,fd00::/108: only one CIDR allowed for single-stack networking")]
    [InlineData(Header, "networking:\n  podSubnet: 10.96.0.0/16", "networking.podSubnet 10.96.0.0/16 overlaps networking.serviceSubnet 10.96.0.0/12")]
    [InlineData(Header, "networking:\n  ipFamily: ipv6", "line 4: networking.ipFamily: ipv6 is not supported: Kinet's cluster network is IPv4 only")]
    [InlineData(Header, "networking:\n  ipFamily: ipv5", "line 4: networking.ipFamily: invalid ipFamily: ipv5")]
    [InlineData(Header, "networking:\n  kubeProxyMode: userspace", "line 4: networking.kubeProxyMode: invalid kubeProxyMode: userspace (iptables, ipvs, nftables or none)")]
    [InlineData(Header, "networking:\n  apiServerPort: 70000", "line 4: networking.apiServerPort: invalid apiServerPort: invalid port number: 70000")]
    [InlineData(Header, "networking:\n  apiServerPort: high", "line 4: networking.apiServerPort: must be an integer, not \"high\"")]
    [InlineData(Header, "networking:\n  disableDefaultCNI: \"true\"", "line 4: networking.disableDefaultCNI: must be true or false, not \"true\"")]
    [InlineData(Header, "networking:\n  kinetMode: overlay", "line 4: networking.kinetMode: invalid kinetMode: overlay (routed or vxlan)")]
    [InlineData(Header, "networking:\n  kinetLoadBalancerRange: 172.18.255.250-172.18.255.200", "line 4: networking.kinetLoadBalancerRange: invalid range \"172.18.255.250-172.18.255.200\": expected FIRST-LAST such as 172.18.255.200-172.18.255.250")]
    [InlineData(Header, "networking:\n  kinetLoadBalancerRange: 10.0.0.1-10.0.0.9", "networking.kinetLoadBalancerRange 10.0.0.1-10.0.0.9 is not inside the underlay 172.18.0.0/16")]
    [InlineData(Header, "networking:\n  kinetLoadBalancerRange: 172.18.0.2-172.18.0.9", "networking.kinetLoadBalancerRange: 172.18.0.2-172.18.0.9 overlaps the node addresses (172.18.0.2 and up)")]
    [InlineData(Header, "networking:\n  podSubnet: 10.244.0.0/23\nnodes:\n- role: control-plane\n- role: worker\n- role: worker", "networking.podSubnet: 10.244.0.0/23 has room for 2 node CIDRs of /24, but the config has 3 nodes")]
    [InlineData(Header, "name: a\nname: b", "the cluster config is not valid YAML: line 4: mapping key \"name\" already defined")]
    [InlineData(Header, "networking:\n  wat: 1", "line 4: unknown field \"wat\" in networking")]
    [InlineData(Header, "nodes:\n- role: control-plane\n  labels: {a: [1]}", "line 5: nodes[0].labels.a: must be a string")]
    [InlineData(Header, "nodes:\n- role: control-plane\n- role: worker\n  labels:\n    node-role.kubernetes.io/worker: \"\"",
        "nodes[1] (nodes[1].labels): unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels: [node-role.kubernetes.io/worker]; --node-labels in the 'kubernetes.io' namespace must begin with an allowed prefix (kubelet.kubernetes.io, node.kubernetes.io) or be in the specifically allowed set (beta.kubernetes.io/arch, beta.kubernetes.io/instance-type, beta.kubernetes.io/os, failure-domain.beta.kubernetes.io/region, failure-domain.beta.kubernetes.io/zone, kubernetes.io/arch, kubernetes.io/hostname, kubernetes.io/os, node.kubernetes.io/instance-type, topology.kubernetes.io/region, topology.kubernetes.io/zone)")]
    [InlineData(Header, "nodes:\n- role: control-plane\n  labels:\n    tier: \"a b\"",
        "nodes[0] (nodes[0].labels): invalid node labels: 'a b' - a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData(Header, "kubeadmConfigPatches:\n- |\n  nodeRegistration: {}", "line 1: kubeadmConfigPatches[0]: a kubeadm config patch needs a kind")]
    [InlineData(Header, "kubeadmConfigPatches:\n- |\n  kind: JoinConfiguration\n  nodeRegistration:\n    taints:\n    - key: x\n      effect: Sometimes",
        "line 4: kubeadmConfigPatches[0] nodeRegistration.taints[0].effect: \"Sometimes\" is not one of NoSchedule, PreferNoSchedule, NoExecute")]
    public void Bad_configs_are_one_readable_error_line(string header, string body, string message)
    {
        var e = Assert.Throws<ClusterConfigException>(() => ClusterConfig.Parse(header + body, "lab"));
        Assert.StartsWith(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Label_values_are_taken_as_written_whatever_their_yaml_type()
    {
        var spec = Parse("nodes:\n- role: control-plane\n  labels:\n    nginx-controller: true\n    rack: 7\n    empty:\n").Spec;
        Assert.Equal("empty=,nginx-controller=true,rack=7", spec.Nodes[0].Labels.ToString());
    }

    [Fact]
    public void Configs_that_say_the_same_give_equal_specs()
    {
        var a = Parse("nodes:\n- role: control-plane\n  labels: {b: \"2\", a: \"1\"}\n- role: worker\n").Spec;
        var b = Parse("nodes:\n- role: control-plane\n  labels: {a: \"1\", b: \"2\"}\n- {role: worker, image: x}\n").Spec;
        var c = Parse("nodes:\n- role: control-plane\n  labels: {a: \"1\", b: \"3\"}\n- role: worker\n").Spec;
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_node_can_be_found_by_name()
    {
        var spec = ClusterConfig.Default("kinet");
        Assert.Equal(IPAddress.Parse("172.18.0.4"), spec.FindNode("kinet-worker2")?.InternalIP);
        Assert.Null(spec.FindNode("kinet-worker3"));
    }
}
