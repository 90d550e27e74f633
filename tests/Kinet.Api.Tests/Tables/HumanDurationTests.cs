// Ages as kube's duration.HumanDuration prints them, at each of its unit boundaries.
using Kinet.Api.Tables;

namespace Kinet.Api.Tests.Tables;

public class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 2 * 60, "3h2m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(3 * 86400 + 5 * 3600, "3d5h")]
    [InlineData(8 * 86400 + 5 * 3600, "8d")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(830 * 86400, "2y100d")]
    [InlineData(3000 * 86400, "8y")]
    public void Durations_print_like_kubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Fractions_of_a_second_are_truncated() =>
        Assert.Equal("2m", HumanDuration.Format(TimeSpan.FromSeconds(120.9)));

    [Theory]
    [InlineData(null, "<unknown>")]
    [InlineData("\"0001-01-01T00:00:00Z\"", "<unknown>")]
    [InlineData("\"not a time\"", "<unknown>")]
    [InlineData("\"2025-01-11T11:55:00Z\"", "5m")]
    [InlineData("\"2025-01-01T12:00:00Z\"", "10d")]
    [InlineData("\"2025-01-11T12:00:00.5Z\"", "0s")]
    [InlineData("\"2025-01-11T12:10:00Z\"", "<invalid>")]
    public void Ages_come_from_timestamps(string? json, string expected) =>
        Assert.Equal(expected, HumanDuration.Since(json is null ? null : System.Text.Json.Nodes.JsonNode.Parse(json), TableTestKit.Now));
}
