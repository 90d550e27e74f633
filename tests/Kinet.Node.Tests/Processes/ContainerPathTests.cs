// Container paths are cleaned before anything is written for them, so a file or mountpoint never lands outside the
// container's layer; and argv[0] is resolved in the container's view like runc does.
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

public sealed class ContainerPathTests
{
    [Theory]
    [InlineData("/etc/hosts", "/etc/hosts")]
    [InlineData("etc//hosts/", "/etc/hosts")]
    [InlineData("/etc/./hosts", "/etc/hosts")]
    [InlineData("/../../etc/hosts", "/etc/hosts")]
    [InlineData("/a/b/../../../c", "/c")]
    [InlineData("/", "/")]
    public void Paths_are_cleaned_and_never_climb_above_the_root(string path, string clean) =>
        Assert.Equal(clean, ContainerRootfs.Normalize(path));

    public static TheoryData<string, string?, string> Lookups => new()
    {
        { "sh", "/usr/local/bin:/bin", "/bin/sh" },
        { "sh", null, "/usr/bin/sh" },
        { "/bin/sh", "/nowhere", "/bin/sh" },
        { "tool", "/opt/bin:/bin", "/opt/bin/tool" },
    };

    [Theory]
    [MemberData(nameof(Lookups))]
    public void A_program_is_resolved_along_the_containers_PATH(string program, string? path, string resolved)
    {
        var env = path is null ? new List<KeyValuePair<string, string>>() : [new("PATH", path)];
        var existing = new HashSet<string> { "/bin/sh", "/usr/bin/sh", "/opt/bin/tool" };
        Assert.Equal(resolved, ContainerView.Resolve(program, env, p => (existing.Contains(p), true)));
    }

    [Fact]
    public void A_file_that_is_not_executable_is_skipped_along_PATH()
    {
        var e = Assert.Throws<ContainerStartException>(() =>
            ContainerView.Resolve("tool", [new("PATH", "/opt/bin")], p => (p == "/opt/bin/tool", false)));
        Assert.EndsWith("exec: \"tool\": executable file not found in $PATH: unknown", e.Message);
    }
}
