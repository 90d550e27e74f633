// exec and attach streams: stdin, exit codes, the runc-like failure for a missing program, a real pty with resize,
// and attach with StdinOnce as `kubectl run -it --rm` uses it.
using System.Text;
using Kinet.Node.Processes;

namespace Kinet.Node.Tests.Processes;

public sealed class StreamTests
{
    [Theory]
    [InlineData("exit 0", 0)]
    [InlineData("exit 3", 3)]
    [InlineData("exit 42", 42)]
    [InlineData("kill -9 $$", 137)]
    public async Task Exec_returns_the_programs_exit_code(string script, int code)
    {
        await using var h = await PodHarness.StartAsync();
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), h.Spec("app", "sleep", "1000"), CancellationToken.None);
        Assert.Equal(code, (await ProcessText.ExecAsync(c, "sh", "-c", script)).Code);
    }

    [Fact]
    public async Task Exec_with_stdin_feeds_the_program_until_stdin_is_closed()
    {
        await using var h = await PodHarness.StartAsync();
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), h.Spec("app", "sleep", "1000"), CancellationToken.None);
        var session = await c.ExecAsync(["sh", "-c", "tr a-z A-Z; echo done >&2"], stdin: true, tty: false, CancellationToken.None);
        await using var _ = session;
        var stdout = ProcessText.ReadAllAsync(session.Stdout);
        var stderr = ProcessText.ReadAllAsync(session.Stderr);
        await session.Stdin!.WriteAsync("hello\nworld\n"u8.ToArray());
        session.CloseStdin();
        Assert.Equal((0, "HELLO\nWORLD\n", "done\n"), (await session.ExitCode, await stdout, await stderr));
    }

    [Theory]
    [InlineData("nope", false, 127, "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH: unknown\n")]
    [InlineData("/etc/passwd", false, 126, "OCI runtime exec failed: exec failed: unable to start container process: exec: \"/etc/passwd\": permission denied: unknown\n")]
    [InlineData("nope", true, 127, "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH: unknown\r\n")]
    public async Task Exec_of_a_missing_program_fails_as_runc_does(string program, bool tty, int code, string message)
    {
        await using var h = await PodHarness.StartAsync();
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), h.Spec("app", "sleep", "1000"), CancellationToken.None);
        var session = await c.ExecAsync([program], stdin: false, tty: tty, CancellationToken.None);
        var text = await ProcessText.ReadAllAsync(tty ? session.Stdout : session.Stderr);
        Assert.Equal((code, message), (await session.ExitCode, text));
        Assert.Equal(tty, session.Stderr is null);
    }

    [Fact]
    public async Task Exec_with_a_tty_runs_on_a_real_terminal_that_can_be_resized()
    {
        await using var h = await PodHarness.StartAsync();
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), h.Spec("app", "sleep", "1000"), CancellationToken.None);
        var session = await c.ExecAsync(["sh", "-c", "read x; tty; stty size; echo $TERM"], stdin: true, tty: true, CancellationToken.None);
        await using var _ = session;
        Assert.Null(session.Stderr);
        session.Resize(100, 30);
        await session.Stdin!.WriteAsync("go\r"u8.ToArray());
        var output = await ProcessText.ReadAllAsync(session.Stdout);
        Assert.Equal(0, await session.ExitCode);
        var lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("go", lines[0]); // the terminal echoes input
        Assert.Matches("^/dev/pts/[0-9]+$", lines[1]);
        Assert.Equal(["30 100", "xterm"], lines[2..]);
    }

    [Fact]
    public async Task A_tty_container_logs_its_terminal_output_and_is_its_sessions_leader()
    {
        await using var h = await PodHarness.StartAsync();
        var spec = h.Spec("app", "sh", "-c", "tty; ps -o sid= -o pid= -p $$") with { Tty = true };
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), spec, CancellationToken.None);
        var lines = (await ProcessText.LogsAsync(c)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^/dev/pts/[0-9]+\r$", lines[0]);
        var ids = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ids[0], ids[1].TrimEnd('\r'));
    }

    [Fact]
    public async Task Attach_with_StdinOnce_closes_the_containers_stdin_when_the_first_session_ends()
    {
        await using var h = await PodHarness.StartAsync();
        var spec = h.Spec("app", "sh", "-c", "while read line; do echo \"got $line\"; done; echo bye; exit 7") with { Stdin = true, StdinOnce = true };
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), spec, CancellationToken.None);
        var session = await c.AttachAsync();
        await session.Stdin!.WriteAsync("one\n"u8.ToArray());
        var buffer = new byte[64];
        var n = await session.Stdout.ReadAsync(buffer);
        Assert.Equal("got one\n", Encoding.UTF8.GetString(buffer, 0, n));
        await session.DisposeAsync();
        Assert.Equal(7, (await c.Exited).ExitCode);
        Assert.Equal("got one\nbye\n", await ProcessText.LogsAsync(c));
    }

    [Fact]
    public async Task Attach_to_a_tty_container_types_into_its_terminal_and_resizes_it()
    {
        await using var h = await PodHarness.StartAsync();
        var spec = h.Spec("app", "sh") with { Stdin = true, StdinOnce = true, Tty = true };
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), spec, CancellationToken.None);
        var session = await c.AttachAsync();
        Assert.Null(session.Stderr);
        session.Resize(120, 40);
        await session.Stdin!.WriteAsync("stty size; exit 5\r"u8.ToArray());
        var output = await ProcessText.ReadAllAsync(session.Stdout);
        Assert.Equal(5, await session.ExitCode);
        Assert.Contains("40 120\r\n", output);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task An_exec_probe_returns_the_exit_code_and_output_or_times_out()
    {
        await using var h = await PodHarness.StartAsync();
        var c = await Container.StartAsync(await h.SandboxAsync("p1", null), h.Spec("app", "sleep", "1000"), CancellationToken.None);
        Assert.Equal(new ProbeResult(1, "not ready\n", false), await c.RunProbeAsync(["sh", "-c", "echo not ready; exit 1"], TimeSpan.FromMinutes(1), CancellationToken.None));
        var slow = await c.RunProbeAsync(["sleep", "1000"], TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.True(slow.TimedOut);
        // The timed-out probe's process is killed: only the container's own `sleep 1000` stays.
        var count = 0;
        for (var i = 0; i < 100; i++)
        {
            var (_, ps, _) = await ProcessText.ExecAsync(c, "ps", "-eo", "args", "--no-headers");
            count = ps.Split('\n').Count(l => l.Trim() == "sleep 1000");
            if (count == 1) break;
            await Task.Delay(50);
        }
        Assert.Equal(1, count);
    }
}
