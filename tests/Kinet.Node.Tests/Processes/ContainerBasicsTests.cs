// Containers run from the host's programs, in the pod's namespaces, with their own root: exit codes, env, working
// dir, files, the runc-like error for a missing program. Real processes as root, under a unique test cluster.
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

public sealed class ContainerBasicsTests
{
    [Fact]
    public async Task A_container_prints_to_its_log_and_exits_with_its_code()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var c = await Container.StartAsync(pod, h.Spec("app", "sh", "-c", "echo hello; echo oops >&2; exit 3"), CancellationToken.None);
        var exit = await c.Exited;
        Assert.Equal((3, "Error"), (exit.ExitCode, exit.Reason));
        Assert.Equal("hello\noops\n", await ProcessText.LogsAsync(c));
    }

    [Theory]
    [InlineData("exit 0", 0, "Completed")]
    [InlineData("kill -9 $$", 137, "Error")]
    [InlineData("kill -TERM $$", 143, "Error")]
    public async Task A_container_reports_its_exit_as_the_kubelet_does(string script, int code, string reason)
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var c = await Container.StartAsync(pod, h.Spec("app", "sh", "-c", script), CancellationToken.None);
        var exit = await c.Exited;
        Assert.Equal((code, reason), (exit.ExitCode, exit.Reason));
    }

    [Fact]
    public async Task A_container_gets_exactly_its_env_its_working_dir_and_its_files()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var spec = h.Spec("app", "/usr/bin/env") with
        {
            Env = [new("PATH", "/usr/bin:/bin"), new("GREETING", "hello world"), new("EMPTY", "")],
            WorkingDir = "/srv/app/work",
        };
        var env = await ProcessText.LogsAsync(await Container.StartAsync(pod, spec, CancellationToken.None));
        // The set is exact (the order too with kinet-init; the shell fallback reorders it).
        Assert.Equal(["EMPTY=", "GREETING=hello world", "PATH=/usr/bin:/bin"], env.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        var files = spec with
        {
            Name = "files",
            Argv = ["sh", "-c", "pwd; cat /etc/hosts; readlink /etc/link; stat -c %a /tmp /etc/hosts"],
            Files = [new("/etc/hosts", "10.244.1.5\tpod-a\n"u8.ToArray(), null, 0x1a4), new("/etc/link", null, "/etc/hosts", 0)],
            LogPath = Path.Combine(h.LogDir, "files", "0.log"),
        };
        var output = await ProcessText.LogsAsync(await Container.StartAsync(pod, files, CancellationToken.None));
        Assert.Equal("/srv/app/work\n10.244.1.5\tpod-a\n/etc/hosts\n1777\n644\n", output);
        Assert.DoesNotContain("pod-a", File.ReadAllText("/etc/hosts"));
    }

    [Theory]
    [InlineData("no-such-program", "exec: \"no-such-program\": executable file not found in $PATH: unknown")]
    [InlineData("/no/such/program", "exec: \"/no/such/program\": stat /no/such/program: no such file or directory: unknown")]
    [InlineData("/etc/passwd", "exec: \"/etc/passwd\": permission denied: unknown")]
    public async Task A_missing_program_fails_the_start_with_containerds_message(string program, string tail)
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var e = await Assert.ThrowsAsync<ContainerStartException>(() => Container.StartAsync(pod, h.Spec("app", program), CancellationToken.None));
        Assert.Equal("StartError", e.Reason);
        Assert.Equal("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: " +
                     "unable to start container process: " + tail, e.Message);
    }

    [Fact]
    public async Task A_program_is_found_along_the_containers_PATH_including_files_and_mounts()
    {
        await using var h = await PodHarness.StartAsync();
        var pod = await h.SandboxAsync("p1", null);
        var tools = Path.Combine(h.LogDir, "tools");
        Directory.CreateDirectory(tools);
        File.WriteAllText(Path.Combine(tools, "from-mount"), "#!/bin/sh\necho mounted tool\n");
        File.SetUnixFileMode(Path.Combine(tools, "from-mount"), (UnixFileMode)0x1ed);
        var spec = h.Spec("app", "from-file") with
        {
            Env = [new("PATH", "/opt/bin:/opt/tools:/usr/bin:/bin")],
            Files = [new("/opt/bin/from-file", "#!/bin/sh\nfrom-mount\n"u8.ToArray(), null, 0x1ed)],
            Mounts = [new(tools, "/opt/tools", true)],
        };
        Assert.Equal("mounted tool\n", await ProcessText.LogsAsync(await Container.StartAsync(pod, spec, CancellationToken.None)));
    }
}
