// Where a coredns container's Corefile comes from: kubeadm's config-volume means the watched ConfigMap; another file in
// a volume is read once; a file outside the mounts is CoreDNS's "no such file" failure.
using System.Text.Json.Nodes;
using Kinet.Cli.Dns;
using Kinet.Controllers.Nodes.Plans;
using Kinet.Dns.Hosting;

namespace Kinet.Cli.Tests.Dns;

public class CoreDnsConfigSourceTests
{
    private static readonly CoreDnsOptions Base = new() { Kubernetes = new k8s.KubernetesClientConfiguration { Host = "https://127.0.0.1:1" } };

    private static JsonObject Pod() => JsonNode.Parse(new JsonObject
    {
        ["metadata"] = new JsonObject { ["name"] = "coredns-1", ["namespace"] = "kube-system" },
        ["spec"] = CoreDnsAddon.Deployment()["spec"]!["template"]!["spec"]!.DeepClone(),
    }.ToJsonString())!.AsObject();

    private static ContainerPlan Container(params ContainerMount[] mounts) => new("coredns", CoreDnsAddon.Image,
        ImageProfiles.For(CoreDnsAddon.Image, new PodPlanSettings()), ["/coredns", "-conf", "/etc/coredns/Corefile"], [], "/", mounts, []);

    [Fact]
    public void Kubeadms_config_volume_means_the_coredns_configmap_of_the_pods_namespace()
    {
        var options = CoreDnsConfigSource.Apply(Base, Pod(), Container(new ContainerMount("config-volume", "/etc/coredns", "", true)),
            new Dictionary<string, string>(), "/etc/coredns/Corefile");
        Assert.Equal(("kube-system", "coredns"), (options.ConfigMapNamespace, options.ConfigMapName));
        Assert.Null(options.Corefile);
    }

    [Fact]
    public void A_file_of_another_volume_is_read_once()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("Corefile"), ".:53 {\n    kubernetes cluster.local\n}\n");
        var pod = Pod();
        pod["spec"]!["volumes"] = new JsonArray(new JsonObject { ["name"] = "cfg", ["emptyDir"] = new JsonObject() });
        var options = CoreDnsConfigSource.Apply(Base, pod, Container(new ContainerMount("cfg", "/cfg", "", false)),
            new Dictionary<string, string> { ["cfg"] = temp.Path }, "/cfg/Corefile");
        Assert.Equal(".:53 {\n    kubernetes cluster.local\n}\n", options.Corefile);
    }

    [Fact]
    public void A_conf_outside_every_mount_fails_as_CoreDNS_does()
    {
        var e = Assert.Throws<IOException>(() => CoreDnsConfigSource.Apply(Base, Pod(), Container(new ContainerMount("config-volume", "/etc/coredns", "", true)),
            new Dictionary<string, string>(), "Corefile"));
        Assert.Equal("open Corefile: no such file or directory", e.Message);
    }

    [Theory]
    [InlineData("""{"name":"cm"}""", "Corefile", "Corefile")]
    [InlineData("""{"name":"cm","items":[{"key":"Corefile","path":"conf/Corefile"}]}""", "conf/Corefile", "Corefile")]
    [InlineData("""{"name":"cm","items":[{"key":"other","path":"Corefile"}]}""", "Corefile", "other")]
    public void A_configmap_volume_file_maps_to_its_key(string source, string relative, string key)
    {
        var pod = new JsonObject { ["spec"] = new JsonObject { ["volumes"] = new JsonArray(new JsonObject { ["name"] = "v", ["configMap"] = JsonNode.Parse(source) }) } };
        Assert.Equal(("cm", key), CoreDnsConfigSource.ConfigMapKey(pod, "v", relative));
    }
}
