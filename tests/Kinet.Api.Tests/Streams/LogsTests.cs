// kubectl logs against the fake node's recorded lines: container choice, --tail, --since, --timestamps, --previous,
// -f streaming, and kube-apiserver's validation of the log options.
using System.Net;
using System.Text.Json.Nodes;

namespace Kinet.Api.Tests.Streams;

public class LogsTests : IClassFixture<StreamsFixture>
{
    private readonly StreamsFixture f;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public LogsTests(StreamsFixture fixture)
    {
        f = fixture;
        f.Node.Logs["c1"] = [(Now.AddHours(-2), "two hours ago"), (Now.AddMinutes(-30), "half an hour ago"), (Now.AddSeconds(-10), "just now")];
        f.Node.Logs["a"] = [(Now, "from a")];
        f.Node.Logs["b"] = [(Now, "from b")];
        f.Node.PreviousLogs["c1"] = [(Now.AddHours(-3), "before the restart")];
    }

    [Theory]
    [InlineData(new[] { "p1" }, "two hours ago\nhalf an hour ago\njust now\n")]
    [InlineData(new[] { "p1", "--tail=1" }, "just now\n")]
    [InlineData(new[] { "p1", "--since=1h" }, "half an hour ago\njust now\n")]
    [InlineData(new[] { "p1", "--previous" }, "before the restart\n")]
    [InlineData(new[] { "two", "-c", "b" }, "from b\n")]
    public async Task Logs_print_the_lines_the_options_select(string[] args, string expected)
    {
        var r = await f.KubectlAsync(["logs", .. args]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(expected, r.Stdout);
    }

    [Fact]
    public async Task Logs_of_all_containers_come_from_each_container()
    {
        var r = await f.KubectlAsync("logs", "two", "--all-containers", "--prefix");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["[pod/two/a] from a", "[pod/two/b] from b"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Logs_with_timestamps_prefix_each_line_with_its_time()
    {
        var r = await f.KubectlAsync("logs", "p1", "--timestamps", "--tail=1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z just now\n$", r.Stdout);
    }

    [Fact]
    public async Task Logs_follow_streams_lines_as_they_come_and_ends_with_the_container()
    {
        var later = new TaskCompletionSource<string>();
        f.Node.FollowLines.Enqueue(later);
        await using var k = new RunningCommand("kubectl", f.KubectlArgs("logs", "-f", "p1"));
        // The recorded lines arrive while the node still holds the next one back: the body is streamed, not buffered.
        await k.WaitForAsync("just now");
        Assert.False(k.Process.HasExited);
        later.SetResult("a later line");
        Assert.Equal(0, await k.WaitForExitAsync());
        Assert.Equal("two hours ago\nhalf an hour ago\njust now\na later line\n", k.Stdout);
    }

    [Fact]
    public async Task Logs_of_a_container_that_has_not_started_show_the_nodes_reason()
    {
        var r = await f.KubectlAsync("logs", "waiting");
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains("Error from server (BadRequest): container \"c\" in pod \"waiting\" is waiting to start: ContainerCreating", r.Stderr);
    }

    [Fact]
    public async Task Logs_of_a_pod_without_a_node_are_empty()
    {
        var r = await f.KubectlAsync("logs", "pending");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stdout);
    }

    [Theory]
    [InlineData("tailLines=-1", 422, "PodLogOptions \"p1\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("limitBytes=0", 422, "PodLogOptions \"p1\" is invalid: limitBytes: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=0", 422, "PodLogOptions \"p1\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z", 422, "PodLogOptions \"p1\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")]
    [InlineData("container=zz", 400, "container zz is not valid for pod p1")]
    [InlineData("tailLines=x", 400, "strconv.ParseInt: parsing \"x\": invalid syntax")]
    public async Task Bad_log_options_get_kube_apiservers_status(string query, int code, string message)
    {
        using var response = await f.Http.GetAsync($"/api/v1/namespaces/default/pods/p1/log?{query}");
        Assert.Equal((HttpStatusCode)code, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal(message, (string?)status["message"]);
    }

    [Fact]
    public async Task A_log_request_without_a_container_in_a_pod_of_several_names_them()
    {
        using var response = await f.Http.GetAsync("/api/v1/namespaces/default/pods/two/log");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("a container name must be specified for pod two, choose one of: [a b]", (string?)status["message"]);
    }
}
