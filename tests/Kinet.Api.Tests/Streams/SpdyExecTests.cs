// kubectl's SPDY/3.1 fallback for exec and attach, forced by a server that refuses the WebSocket upgrade.
namespace Kinet.Api.Tests.Streams;

public class SpdyExecTests(SpdyOnlyStreamsFixture f) : IClassFixture<SpdyOnlyStreamsFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task Exec_over_spdy_passes_on_output_and_exit_code(int code)
    {
        var r = await f.KubectlAsync("exec", "p1", "--", "sh", "-c", $"echo out; echo err >&2; exit {code}");
        Assert.True(r.ExitCode == code, r.ToString());
        Assert.Equal("out\n", r.Stdout);
        Assert.StartsWith("err\n", r.Stderr);
    }

    [Fact]
    public async Task Exec_over_spdy_feeds_stdin_until_its_end()
    {
        var r = await f.KubectlWithInputAsync("spdy-input\n", "exec", "-i", "p1", "--", "cat");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("spdy-input\n", r.Stdout);
    }

    [Fact]
    public async Task Attach_over_spdy_shows_the_output()
    {
        var r = await f.KubectlAsync("attach", "p1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("attached\n", r.Stdout);
    }

    [Fact]
    public async Task Exec_over_spdy_refused_before_the_upgrade_prints_the_status()
    {
        var r = await f.KubectlAsync("exec", "p1", "-c", "nope", "--", "true");
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains("Error from server (BadRequest): container nope is not valid for pod p1", r.Stderr);
    }
}
