// The coredns image: matched by repository, ENTRYPOINT /coredns with no CMD, and served by the daemon only while it
// runs /coredns (a command such as sh runs the host's program).
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class ImageProfileCoreDnsTests
{
    [Theory]
    [InlineData("registry.k8s.io/coredns/coredns:v1.11.3", ProfileKind.CoreDns)]
    [InlineData("coredns/coredns:1.11.1", ProfileKind.CoreDns)]
    [InlineData("mirror.example:5000/coredns/coredns@sha256:abc", ProfileKind.CoreDns)]
    [InlineData("k8s.gcr.io/coredns", ProfileKind.Generic)]
    [InlineData("example/coredns-exporter", ProfileKind.Generic)]
    public void The_coredns_repository_picks_the_coredns_profile(string image, ProfileKind kind) => Assert.Equal(kind, ImageProfiles.Match(image));

    public static TheoryData<string, string[], string[]?> Runs => new()
    {
        { """ "args":["-conf","/etc/coredns/Corefile"] """, ["/coredns", "-conf", "/etc/coredns/Corefile"], ["-conf", "/etc/coredns/Corefile"] },
        { "", ["/coredns"], [] },
        { """ "command":["/coredns"],"args":["-version"] """, ["/coredns", "-version"], ["-version"] },
        { """ "command":["sh","-c","sleep 1"] """, ["sh", "-c", "sleep 1"], null },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_daemon_serves_the_container_only_while_it_runs_coredns(string fields, string[] argv, string[]? served)
    {
        var extra = fields.Trim().Length > 0 ? "," + fields : "";
        var plan = Fixtures.Only(PodPlanner.Plan(Fixtures.PodWith($$$"""{"name":"coredns","image":"registry.k8s.io/coredns/coredns:v1.11.3"{{{extra}}} }"""), new FakeSources(), Fixtures.Settings));
        Assert.Equal(argv, plan.Argv);
        Assert.Null(plan.Builtin);
        Assert.Equal(served, ImageProfiles.CoreDnsArgs(plan));
    }
}
