// Image name -> profile, and argv/builtin per profile with command/args overrides (Docker's ENTRYPOINT/CMD rule).
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class ImageProfileTests
{
    [Theory]
    [InlineData("nginx", ProfileKind.Nginx)]
    [InlineData("nginx:1.27-alpine", ProfileKind.Nginx)]
    [InlineData("docker.io/library/nginx@sha256:abc", ProfileKind.Nginx)]
    [InlineData("nginxinc/nginx-unprivileged:stable", ProfileKind.Nginx)]
    [InlineData("busybox:1.36", ProfileKind.Busybox)]
    [InlineData("registry.example:5000/mirror/busybox", ProfileKind.Busybox)]
    [InlineData("nicolaka/netshoot", ProfileKind.Netshoot)]
    [InlineData("nicolaka/netshoot:v0.13", ProfileKind.Netshoot)]
    [InlineData("registry.k8s.io/e2e-test-images/agnhost:2.52", ProfileKind.Agnhost)]
    [InlineData("registry.k8s.io/pause:3.10", ProfileKind.Pause)]
    [InlineData("order-service:v1", ProfileKind.Generic)]
    [InlineData("quay.io/shfa/hello-world:latest", ProfileKind.Generic)]
    [InlineData("mynginx-exporter", ProfileKind.Generic)]
    public void The_repository_name_picks_the_profile(string image, ProfileKind kind) => Assert.Equal(kind, ImageProfiles.Match(image));

    public static TheoryData<string, string, string[], BuiltinKind?, string> Argvs => new()
    {
        { "nginx", "", ["nginx", "-g", "daemon off;"], null, "" },
        { "nginx", """ "args":["nginx","-g","daemon off; worker_processes 2;"] """, ["nginx", "-g", "daemon off; worker_processes 2;"], null, "" },
        { "nginx", """ "command":["nginx-debug"],"args":["-g","daemon off;"] """, ["nginx-debug", "-g", "daemon off;"], null, "" },
        { "busybox", "", ["sh"], null, "" },
        { "busybox", """ "command":["sleep","3600"] """, ["sleep", "3600"], null, "" },
        { "busybox", """ "args":["tail","-f","/var/log/nginx/access.log"] """, ["tail", "-f", "/var/log/nginx/access.log"], null, "" },
        { "nicolaka/netshoot", "", ["zsh"], null, "" },
        { "nicolaka/netshoot", """ "args":["bash"] """, ["bash"], null, "" },
        { "registry.k8s.io/e2e-test-images/agnhost:2.52", "", ["/agnhost", "pause"], BuiltinKind.Pause, "pause" },
        { "registry.k8s.io/e2e-test-images/agnhost:2.52", """ "args":["netexec","--http-port=8080","--udp-port=8081"] """, ["/agnhost", "netexec", "--http-port=8080", "--udp-port=8081"], BuiltinKind.Agnhost, "netexec" },
        { "registry.k8s.io/e2e-test-images/agnhost:2.52", """ "args":["serve-hostname"] """, ["/agnhost", "serve-hostname"], BuiltinKind.Agnhost, "serve-hostname" },
        { "registry.k8s.io/e2e-test-images/agnhost:2.52", """ "command":["/agnhost","porter"] """, ["/agnhost", "porter"], BuiltinKind.Agnhost, "porter" },
        { "registry.k8s.io/e2e-test-images/agnhost:2.52", """ "args":["connect","10.96.0.1:443","--timeout=5s"] """, ["/agnhost", "connect", "10.96.0.1:443", "--timeout=5s"], null, "" },
        { "registry.k8s.io/e2e-test-images/agnhost:2.52", """ "command":["sh","-c","sleep 1"] """, ["sh", "-c", "sleep 1"], null, "" },
        { "registry.k8s.io/pause:3.10", "", ["/pause"], BuiltinKind.Pause, "" },
        { "registry.k8s.io/pause:3.10", """ "args":["-v"] """, ["/pause", "-v"], BuiltinKind.Pause, "" },
        { "registry.k8s.io/pause:3.10", """ "command":["sleep","1"] """, ["sleep", "1"], null, "" },
        { "order-service:v1", "", [], BuiltinKind.Responder, "" },
        { "order-service:v1", """ "args":["--port=8080"] """, ["--port=8080"], BuiltinKind.Responder, "" },
        { "order-service:v1", """ "command":["python3","-m","http.server"] """, ["python3", "-m", "http.server"], null, "" },
    };

    [Theory]
    [MemberData(nameof(Argvs))]
    public void Argv_follows_the_image_and_command_args_overrides(string image, string fields, string[] argv, BuiltinKind? builtin, string subcommand)
    {
        var extra = fields.Trim().Length > 0 ? "," + fields : "";
        var plan = Fixtures.Only(PodPlanner.Plan(Fixtures.PodWith($$$"""{"name":"c","image":"{{{image}}}"{{{extra}}} }"""), new FakeSources(), Fixtures.Settings));
        Assert.Equal(argv, plan.Argv);
        Assert.Equal(builtin, plan.Builtin?.Kind);
        if (builtin is not null) Assert.Equal(subcommand, plan.Builtin!.Subcommand);
    }

    [Fact]
    public void Netshoot_falls_back_to_bash_without_zsh_and_starts_in_root()
    {
        var settings = Fixtures.Settings with { HostHasProgram = p => p != "zsh" };
        var plan = Fixtures.Only(PodPlanner.Plan(Fixtures.PodWith("""{"name":"c","image":"nicolaka/netshoot"}"""), new FakeSources(), settings));
        Assert.Equal(["bash"], plan.Argv);
        Assert.Equal("/root", plan.WorkingDir);
    }

    [Fact]
    public void The_agnhost_builtin_carries_its_arguments_and_the_ports()
    {
        var plan = Fixtures.Only(PodPlanner.Plan(Fixtures.PodWith("""
            {"name":"c","image":"registry.k8s.io/e2e-test-images/agnhost:2.52","args":["netexec","--http-port=8080"],
             "ports":[{"name":"http","containerPort":8080},{"containerPort":8081,"protocol":"UDP"}]}
            """), new FakeSources(), Fixtures.Settings));
        Assert.Equal(["--http-port=8080"], plan.Builtin!.Args);
        Assert.Equal([new ContainerPortPlan("http", 8080, "TCP"), new ContainerPortPlan(null, 8081, "UDP")], plan.Builtin.Ports);
    }

    [Fact]
    public void The_agnhost_file_runs_kinet_agnhost()
    {
        var layer = ImageProfiles.For("registry.k8s.io/e2e-test-images/agnhost:2.52", Fixtures.Settings).Layer;
        var script = Assert.Single(layer.Files, f => f.Path == "/agnhost");
        Assert.Equal("#!/bin/sh\nexec '/opt/kinet/kinet' agnhost \"$@\"\n", script.ContentText);
        Assert.Equal(FileModes.Mode0755, script.Mode);
        Assert.Equal("agnhost", Assert.Single(layer.Files, f => f.Path == "/agnhost-2").Target);
    }

    [Fact]
    public void Busybox_links_every_applet_in_every_bin_dir_to_the_hosts_busybox()
    {
        var layer = ImageProfiles.For("busybox", Fixtures.Settings).Layer;
        Assert.Equal(
        [
            "/usr/sbin/sh", "/usr/sbin/wget", "/usr/sbin/tail", "/usr/sbin/ip", "/usr/sbin/busybox",
            "/usr/bin/sh", "/usr/bin/wget", "/usr/bin/tail", "/usr/bin/ip",
        ], layer.Files.Select(f => f.Path));
        Assert.All(layer.Files, f => Assert.Equal((PlannedFileKind.Symlink, "/usr/bin/busybox"), (f.Kind, f.Target)));
        Assert.Same(layer, ImageProfiles.For("busybox:1.36", Fixtures.Settings).Layer);
    }

    [Fact]
    public void Nginx_logs_to_the_containers_output_and_serves_the_welcome_page_on_port_80()
    {
        var profile = ImageProfiles.For("nginx", Fixtures.Settings);
        Assert.Equal("SIGQUIT", profile.StopSignal);
        var files = profile.Layer.Files.ToDictionary(f => f.Path);
        Assert.Equal("/dev/stdout", files["/var/log/nginx/access.log"].Target);
        Assert.Equal("/dev/stderr", files["/var/log/nginx/error.log"].Target);
        Assert.Contains("<title>Welcome to nginx!</title>", files["/usr/share/nginx/html/index.html"].ContentText);
        Assert.Contains("listen       80;", files["/etc/nginx/conf.d/default.conf"].ContentText);
        var conf = files["/etc/nginx/nginx.conf"].ContentText;
        Assert.Contains("worker_processes  1;", conf);
        Assert.Contains("pid        /run/nginx.pid;", conf);
        Assert.Contains("access_log  /var/log/nginx/access.log  main;", conf);
        Assert.Contains("include /etc/nginx/conf.d/*.conf;", conf);
    }
}
