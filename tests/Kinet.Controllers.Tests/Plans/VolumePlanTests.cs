// The pod's volumes: file sets from ConfigMaps, Secrets and the downward API with items/mode/optional, and the
// FailedMount messages that hold a pod in ContainerCreating.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class VolumePlanTests
{
    private static PodPlan PlanVolumes(string volumesJson, FakeSources? sources = null, string? metadata = null)
    {
        var pod = Fixtures.Pod("{\"volumes\":" + volumesJson + "}");
        if (metadata is not null) pod["metadata"] = Fixtures.Obj(metadata);
        return PodPlanner.Plan(pod, sources ?? new FakeSources(), Fixtures.Settings);
    }

    private static IEnumerable<string> Listing(VolumePlan v) =>
        ((FileSetVolume)v).Files.Select(f => $"{f.Path} {Convert.ToString(f.Mode, 8)} {f.ContentText}");

    [Fact]
    public void Empty_dir_host_path_and_claims_are_described_for_the_agent()
    {
        var plan = PlanVolumes("""
            [{"name":"scratch","emptyDir":{}},{"name":"cache","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}},
             {"name":"logs","hostPath":{"path":"/var/log/app","type":"DirectoryOrCreate"}},
             {"name":"data","persistentVolumeClaim":{"claimName":"data-0"}}]
            """);
        Assert.Equal<VolumePlan>(
        [
            new EmptyDirVolume("scratch", "", null),
            new EmptyDirVolume("cache", "Memory", "64Mi"),
            new HostPathVolume("logs", "/var/log/app", "DirectoryOrCreate"),
            new ClaimVolume("data", "data-0", false),
        ], plan.Volumes);
    }

    public static TheoryData<string, string, string[]> FileSets => new()
    {
        { "every key of a ConfigMap, text and binary", """{"configMap":{"name":"web"}}""",
            ["index.html 644 <h1>hi</h1>", "logo 644 PNG", "nginx.conf 644 events {}"] },
        { "listed items at their paths with their modes", """{"configMap":{"name":"web","defaultMode":256,"items":[{"key":"index.html","path":"html/index.html"},{"key":"nginx.conf","path":"nginx.conf","mode":384}]}}""",
            ["html/index.html 400 <h1>hi</h1>", "nginx.conf 600 events {}"] },
        { "an optional missing ConfigMap as no files", """{"configMap":{"name":"gone","optional":true}}""", [] },
        { "an optional ConfigMap without a listed key", """{"configMap":{"name":"web","optional":true,"items":[{"key":"absent","path":"a"},{"key":"nginx.conf","path":"n"}]}}""",
            ["n 644 events {}"] },
        { "a Secret decoded", """{"secret":{"secretName":"tls","defaultMode":384}}""", ["tls.crt 600 CERT", "tls.key 600 KEY"] },
        { "the downward API", """{"downwardAPI":{"items":[{"path":"labels","fieldRef":{"fieldPath":"metadata.labels"}},{"path":"annotations","fieldRef":{"fieldPath":"metadata.annotations"}},{"path":"./meta/name","fieldRef":{"fieldPath":"metadata.name"}},{"path":"ns","fieldRef":{"fieldPath":"metadata.namespace"}},{"path":"uid","fieldRef":{"fieldPath":"metadata.uid"},"mode":256},{"path":"mem","resourceFieldRef":{"containerName":"app","resource":"limits.memory","divisor":"1Mi"}}]}}""",
            ["annotations 644 build=\"1.2\"\nkubernetes.io/config.seen=\"say \\\"hi\\\"\"", "labels 644 app=\"web\"\ntier=\"front\"", "mem 644 8192", "meta/name 644 web-0", "ns 644 shop", "uid 400 u-1"] },
        { "projected sources merged", """{"projected":{"defaultMode":420,"sources":[{"configMap":{"name":"web","items":[{"key":"nginx.conf","path":"conf"}]}},{"secret":{"name":"tls","items":[{"key":"tls.crt","path":"conf","mode":292}]}},{"downwardAPI":{"items":[{"path":"name","fieldRef":{"fieldPath":"metadata.name"}}]}}]}}""",
            ["conf 444 CERT", "name 644 web-0"] },
    };

    [Theory]
    [MemberData(nameof(FileSets))]
    public void File_set_volumes_hold_what_the_kubelet_writes(string what, string sourceJson, string[] expected)
    {
        var sources = new FakeSources()
            .WithConfigMap("shop", "web", """{"index.html":"<h1>hi</h1>","nginx.conf":"events {}"}""", """{"logo":"UE5H"}""")
            .WithSecret("shop", "tls", ("tls.crt", "CERT"), ("tls.key", "KEY"));
        var source = Fixtures.Obj(sourceJson);
        source["name"] = "v";
        var plan = PlanVolumes("[" + source.ToJsonString() + "]", sources,
            """{"name":"web-0","namespace":"shop","uid":"u-1","labels":{"tier":"front","app":"web"},"annotations":{"kubernetes.io/config.seen":"say \"hi\"","build":"1.2"}}""");
        Assert.True(expected.SequenceEqual(Listing(Assert.Single(plan.Volumes))), what + ": " + string.Join(" | ", Listing(plan.Volumes[0])));
    }

    public static TheoryData<string, string> MountFailures => new()
    {
        { """{"configMap":{"name":"gone"}}""", "configmap \"gone\" not found" },
        { """{"configMap":{"name":"web","items":[{"key":"absent","path":"a"}]}}""", "configmap references non-existent config key: absent" },
        { """{"secret":{"secretName":"gone"}}""", "secret \"gone\" not found" },
        { """{"secret":{"secretName":"tls","items":[{"key":"absent","path":"a"}]}}""", "secret references non-existent secret key: absent" },
        { """{"projected":{"sources":[{"configMap":{"name":"gone"}},{"secret":{"name":"gone"}}]}}""", "[configmap \"gone\" not found, secret \"gone\" not found]" },
        { """{"nfs":{"server":"10.0.0.1","path":"/"}}""", "volume type nfs is not supported by Kinet" },
    };

    [Theory]
    [MemberData(nameof(MountFailures))]
    public void A_volume_that_cannot_be_set_up_fails_the_pod_with_FailedMount(string sourceJson, string error)
    {
        var sources = new FakeSources().WithConfigMap("shop", "web", """{"a":"1"}""").WithSecret("shop", "tls", ("b", "2"));
        var source = Fixtures.Obj(sourceJson);
        source["name"] = "v";
        var e = Assert.Throws<PodPlanException>(() => PlanVolumes("[" + source.ToJsonString() + "]", sources));
        Assert.Equal("FailedMount", e.Reason);
        Assert.Equal("MountVolume.SetUp failed for volume \"v\" : " + error, e.Message);
    }

    [Fact]
    public void Every_failing_volume_gets_its_own_event()
    {
        var e = Assert.Throws<PodPlanException>(() => PlanVolumes("""[{"name":"a","configMap":{"name":"x"}},{"name":"b","secret":{"secretName":"y"}}]"""));
        Assert.Equal(["MountVolume.SetUp failed for volume \"a\" : configmap \"x\" not found", "MountVolume.SetUp failed for volume \"b\" : secret \"y\" not found"],
            e.Events.Select(w => w.Message));
    }

    [Theory]
    [InlineData("", HostFileKind.Missing, HostPathAction.None, null)]
    [InlineData("DirectoryOrCreate", HostFileKind.Missing, HostPathAction.CreateDirectory, null)]
    [InlineData("DirectoryOrCreate", HostFileKind.Directory, HostPathAction.None, null)]
    [InlineData("DirectoryOrCreate", HostFileKind.File, HostPathAction.None, "hostPath type check failed: /p is not a directory")]
    [InlineData("Directory", HostFileKind.Missing, HostPathAction.None, "hostPath type check failed: /p is not a directory")]
    [InlineData("FileOrCreate", HostFileKind.Missing, HostPathAction.CreateFile, null)]
    [InlineData("FileOrCreate", HostFileKind.Directory, HostPathAction.None, "hostPath type check failed: /p is not a file")]
    [InlineData("File", HostFileKind.File, HostPathAction.None, null)]
    [InlineData("Socket", HostFileKind.File, HostPathAction.None, "hostPath type check failed: /p is not a socket file")]
    [InlineData("CharDevice", HostFileKind.CharDevice, HostPathAction.None, null)]
    [InlineData("CharDevice", HostFileKind.BlockDevice, HostPathAction.None, "hostPath type check failed: /p is not a character device")]
    [InlineData("BlockDevice", HostFileKind.Missing, HostPathAction.None, "hostPath type check failed: /p is not a block device")]
    [InlineData("Weird", HostFileKind.File, HostPathAction.None, "Weird is an invalid volume type")]
    public void Host_path_types_are_checked_as_the_kubelet_checks_them(string type, HostFileKind found, HostPathAction action, string? error) =>
        Assert.Equal(new HostPathDecision(action, error), HostPathCheck.Decide(type, "/p", found));
}
