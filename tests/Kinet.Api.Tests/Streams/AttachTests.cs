// kubectl attach over WebSocket: the container's main process output, and its stdin with -i.
namespace Kinet.Api.Tests.Streams;

public class AttachTests(StreamsFixture f) : IClassFixture<StreamsFixture>
{
    [Fact]
    public async Task Attach_shows_the_main_process_output()
    {
        var r = await f.KubectlAsync("attach", "p1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("attached\n", r.Stdout);
    }

    [Fact]
    public async Task Attach_with_stdin_reaches_the_main_process()
    {
        var r = await f.KubectlWithInputAsync("typed\n", "attach", "-i", "p1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("attached\ntyped\n", r.Stdout);
    }

    [Fact]
    public async Task Attach_to_a_container_that_is_not_running_fails()
    {
        var r = await f.KubectlAsync("attach", "waiting");
        Assert.True(r.ExitCode != 0, r.ToString());
    }
}
