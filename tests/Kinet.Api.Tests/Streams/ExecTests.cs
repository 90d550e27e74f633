// The real kubectl exec against the in-process API server over WebSocket v5.channel.k8s.io: output, exit codes, stdin,
// and the errors kube-apiserver gives before it reaches a node.
namespace Kinet.Api.Tests.Streams;

public class ExecTests(StreamsFixture f) : IClassFixture<StreamsFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(42)]
    public async Task Exec_passes_on_the_commands_exit_code(int code)
    {
        var r = await f.KubectlAsync("exec", "p1", "--", "sh", "-c", $"echo out; echo err >&2; exit {code}");
        Assert.True(r.ExitCode == code, r.ToString());
        Assert.Equal("out\n", r.Stdout);
        Assert.StartsWith("err\n", r.Stderr);
        if (code != 0) Assert.Contains($"command terminated with exit code {code}", r.Stderr);
    }

    [Fact]
    public async Task Exec_with_stdin_feeds_the_process_and_closes_its_input()
    {
        var r = await f.KubectlWithInputAsync("input-data-123\nsecond line\n", "exec", "-i", "p1", "--", "cat");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("input-data-123\nsecond line\n", r.Stdout);
    }

    [Fact]
    public async Task Exec_reaches_the_named_container_with_the_command_as_given()
    {
        var r = await f.KubectlAsync("exec", "two", "-c", "b", "--", "echo", "a b", "c");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("a b c\n", r.Stdout);
        Assert.Equal("b", f.Node.LastExec?.Container);
        Assert.Equal(["echo", "a b", "c"], f.Node.LastExec?.Command);
    }

    [Fact]
    public async Task Exec_writes_large_output_whole()
    {
        var r = await f.KubectlAsync("exec", "p1", "--", "sh", "-c", "seq 1 50000");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(string.Join("", Enumerable.Range(1, 50000).Select(i => i + "\n")), r.Stdout);
    }

    [Theory]
    [InlineData("p1", "-c", "nope", "Error from server (BadRequest): container nope is not valid for pod p1")]
    [InlineData("pending", "-c", "c", "Error from server (BadRequest): pod pending does not have a host assigned")]
    [InlineData("nothere", "-c", "c", "Error from server (NotFound): pods \"nothere\" not found")]
    public async Task Exec_refusals_read_as_kube_apiserver_words_them(string pod, string flag, string container, string expected)
    {
        var r = await f.KubectlAsync("exec", pod, flag, container, "--", "true");
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains(expected, r.Stderr);
    }

    [Fact]
    public async Task Exec_into_a_container_that_is_not_running_is_an_internal_error()
    {
        var r = await f.KubectlAsync("exec", "waiting", "--", "true");
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains("error: Internal error occurred: unable to upgrade connection: container not found (\"c\")", r.Stderr);
    }

    [Fact]
    public async Task Exec_failure_on_the_node_is_printed_from_the_error_channel()
    {
        var r = await f.KubectlAsync("exec", "p1", "--", "no-such-program");
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains("executable file not found in $PATH", r.Stderr);
    }

    [Fact]
    public async Task Exec_without_a_container_in_a_pod_of_several_uses_the_first_and_says_so()
    {
        // kubectl itself picks the first container (and prints a notice); the API server gets an explicit container.
        var r = await f.KubectlAsync("exec", "two", "--", "true");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("a", f.Node.LastExec?.Container);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_command_ends_the_session_on_the_node()
    {
        await using (var k = new RunningCommand("kubectl", f.KubectlArgs("exec", "p1", "--", "sh", "-c", "echo started; sleep 600")))
        {
            await k.WaitForAsync("started");
            Assert.True(f.Node.OpenSessions > 0);
        }
        await TtyTests.Until(() => f.Node.OpenSessions == 0, "the session disposed");
    }
}
