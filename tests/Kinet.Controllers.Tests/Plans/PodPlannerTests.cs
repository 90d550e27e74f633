// Whole pods: the seed's sidecar scenarios and the pod-level files each container gets.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class PodPlannerTests
{
    [Fact]
    public void An_nginx_pod_with_a_tailing_busybox_sidecar_shares_the_log_volume()
    {
        var pod = Fixtures.Pod("""
            {"volumes":[{"name":"logs","emptyDir":{}}],
             "containers":[
              {"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"volumeMounts":[{"name":"logs","mountPath":"/var/log/nginx"}]},
              {"name":"tailer","image":"busybox","command":["sh","-c","tail -F /logs/access.log"],"volumeMounts":[{"name":"logs","mountPath":"/logs","readOnly":true}]}]}
            """);
        var plan = PodPlanner.Plan(pod, new FakeSources(), Fixtures.Settings);
        var nginx = plan.Containers[0].Plan!;
        var tailer = plan.Containers[1].Plan!;
        Assert.Equal(new ContainerMount("logs", "/var/log/nginx", "", false), Assert.Single(nginx.Mounts));
        Assert.Equal(new ContainerMount("logs", "/logs", "", true), Assert.Single(tailer.Mounts));
        Assert.Equal(["nginx", "-g", "daemon off;"], nginx.Argv);
        Assert.Null(nginx.Builtin);
        Assert.Equal(["sh", "-c", "tail -F /logs/access.log"], tailer.Argv);
        Assert.Equal(new EmptyDirVolume("logs", "", null), Assert.Single(plan.Volumes));
    }

    [Fact]
    public void A_config_map_at_the_html_root_is_a_read_only_file_set()
    {
        var sources = new FakeSources().WithConfigMap("shop", "page", """{"index.html":"<h1>Kinet</h1>"}""");
        var pod = Fixtures.Pod("""
            {"volumes":[{"name":"html","configMap":{"name":"page"}}],
             "containers":[{"name":"nginx","image":"nginx","volumeMounts":[{"name":"html","mountPath":"/usr/share/nginx/html"}]}]}
            """);
        var plan = PodPlanner.Plan(pod, sources, Fixtures.Settings);
        Assert.True(Fixtures.Only(plan).Mounts[0].ReadOnly);
        var file = Assert.Single(((FileSetVolume)plan.Volume("html")!).Files);
        Assert.Equal(("index.html", "<h1>Kinet</h1>", FileModes.Mode0644), (file.Path, file.ContentText, file.Mode));
    }

    [Fact]
    public void Every_container_gets_hosts_resolv_conf_and_hostname_unless_it_mounts_over_them()
    {
        var pod = Fixtures.Pod("""
            {"volumes":[{"name":"h","configMap":{"name":"hosts"}}],
             "containers":[{"name":"a","image":"busybox"},{"name":"b","image":"busybox","volumeMounts":[{"name":"h","mountPath":"/etc/hosts","subPath":"hosts"}]}]}
            """);
        var plan = PodPlanner.Plan(pod, new FakeSources().WithConfigMap("shop", "hosts", """{"hosts":"1.2.3.4 x"}"""), Fixtures.Settings);
        Assert.Equal(["/etc/hosts", "/etc/resolv.conf", "/etc/hostname"], plan.FilesFor(plan.Containers[0].Plan!).Select(f => f.Path));
        Assert.Equal(["/etc/resolv.conf", "/etc/hostname"], plan.FilesFor(plan.Containers[1].Plan!).Select(f => f.Path));
        Assert.Equal("web-0\n", Fixtures.File(plan, "/etc/hostname"));
        Assert.StartsWith("# Kubernetes-managed hosts file.\n", Fixtures.File(plan, "/etc/hosts"));
        Assert.Equal("search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n", Fixtures.File(plan, "/etc/resolv.conf"));
    }

    [Fact]
    public void Without_pod_addresses_there_is_no_hosts_file_yet()
    {
        var plan = PodPlanner.Plan(Fixtures.Pod(), new FakeSources(), Fixtures.Settings with { PodIPs = [] });
        Assert.DoesNotContain(plan.Files, f => f.Path == "/etc/hosts");
    }

    [Fact]
    public void Init_containers_are_planned_in_order_with_sidecars_marked()
    {
        var pod = Fixtures.Pod("""
            {"initContainers":[{"name":"migrate","image":"busybox","command":["true"]},{"name":"proxy","image":"nginx","restartPolicy":"Always"}],
             "containers":[{"name":"app","image":"order-service:v1","ports":[{"containerPort":8080}]}]}
            """);
        var plan = PodPlanner.Plan(pod, new FakeSources(), Fixtures.Settings);
        Assert.Equal(["migrate", "proxy"], plan.InitContainers.Select(c => c.Name));
        Assert.Equal("Always", plan.InitContainers[1].Plan!.RestartPolicy);
        Assert.Null(plan.InitContainers[0].Plan!.RestartPolicy);
        Assert.Equal(BuiltinKind.Responder, Fixtures.Only(plan).Builtin!.Kind);
    }

    [Fact]
    public void One_containers_config_error_leaves_the_others_planned()
    {
        var pod = Fixtures.Pod("""
            {"containers":[{"name":"ok","image":"busybox"},{"name":"bad","image":"busybox","envFrom":[{"configMapRef":{"name":"missing"}}]}]}
            """);
        var plan = PodPlanner.Plan(pod, new FakeSources(), Fixtures.Settings);
        Assert.NotNull(plan.Containers[0].Plan);
        Assert.Equal(new ContainerConfigError("CreateContainerConfigError", "configmap \"missing\" not found"), plan.Containers[1].Error);
    }

    public static TheoryData<string, string> MountErrors => new()
    {
        { """{"name":"nope","mountPath":"/x"}""", "cannot find volume \"nope\" to mount into container \"c\"" },
        { """{"name":"v","mountPath":"/x","subPath":"/abs"}""", "error SubPath `/abs` must not be an absolute path" },
        { """{"name":"v","mountPath":"/x","subPath":"a/../../b"}""", "unable to provision SubPath `a/../../b`: must not contain '..'" },
        { """{"name":"v","mountPath":"/x","subPathExpr":"$(POD_NAME)/$(UNSET)/$(EMPTY)"}""", "missing value for EMPTY, UNSET" },
    };

    [Theory]
    [MemberData(nameof(MountErrors))]
    public void Bad_mounts_are_container_config_errors(string mountJson, string message)
    {
        var pod = Fixtures.PodWith($$$"""
            {"name":"c","image":"busybox","volumeMounts":[{{{mountJson}}}],
             "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"} } },{"name":"EMPTY","value":""}]}
            """, "\"volumes\":[{\"name\":\"v\",\"emptyDir\":{}}]");
        Assert.Equal(message, Assert.Single(PodPlanner.Plan(pod, new FakeSources(), Fixtures.Settings).Containers).Error!.Message);
    }

    [Fact]
    public void Sub_path_expressions_expand_from_the_containers_variables()
    {
        var pod = Fixtures.PodWith("""
            {"name":"c","image":"busybox","volumeMounts":[{"name":"v","mountPath":"/logs","subPathExpr":"$(POD_NAME)"}],
             "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}
            """, "\"volumes\":[{\"name\":\"v\",\"emptyDir\":{}}]");
        Assert.Equal("web-0", Fixtures.Only(PodPlanner.Plan(pod, new FakeSources(), Fixtures.Settings)).Mounts[0].SubPath);
    }

    [Fact]
    public void Streams_and_working_dir_come_from_the_spec()
    {
        var plan = Fixtures.Only(PodPlanner.Plan(Fixtures.PodWith("""
            {"name":"c","image":"busybox","stdin":true,"stdinOnce":true,"tty":true,"workingDir":"/tmp"}
            """), new FakeSources(), Fixtures.Settings));
        Assert.Equal((true, true, true, "/tmp"), (plan.Stdin, plan.StdinOnce, plan.Tty, plan.WorkingDir));
    }

    [Fact]
    public void Settings_take_the_sandboxs_addresses_from_its_network()
    {
        var network = new Kinet.Controllers.Nodes.PodNetwork("kinet-worker2",
            [Kinet.Model.Networking.IP.Parse("10.244.2.7")], [Kinet.Model.Networking.IP.Parse("172.18.0.4")], HostNetwork: false);
        var settings = Fixtures.Settings.For(network);
        Assert.Equal(("kinet-worker2", "10.244.2.7", "172.18.0.4"), (settings.NodeName, settings.PodIPs.Single(), settings.HostIPs.Single()));
    }

    [Theory]
    [InlineData("", null, "/root")]
    [InlineData("\"securityContext\":{\"runAsUser\":0},", 0L, "/root")]
    [InlineData("\"securityContext\":{\"runAsUser\":1000,\"runAsGroup\":3000},", 1000L, "/")]
    public void Home_follows_the_user_the_container_runs_as(string securityContext, long? uid, string home)
    {
        var plan = Fixtures.Only(PodPlanner.Plan(Fixtures.PodWith("{" + securityContext + "\"name\":\"c\",\"image\":\"busybox\"}"),
            new FakeSources(), Fixtures.Settings));
        Assert.Equal((uid, home), (plan.RunAsUser, plan.EnvValue("HOME")));
    }
}
