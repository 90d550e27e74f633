// The server on loopback, asked by the real dig over UDP and TCP.
using System.Text.RegularExpressions;
using Kinet.Dns.Tests.Support;

namespace Kinet.Dns.Tests.Serving;

public class DigTests
{
    [Fact]
    public async Task Dig_gets_an_authoritative_answer_without_recursion_available()
    {
        using var server = Servers.Start(FakeZone.Sample());

        var output = await Dig.RunAsync(server.EndPoint.Port, "svc1.testns.svc.cluster.local", "A");

        Assert.Contains("status: NOERROR", output);
        Assert.Matches(@"flags: qr aa rd;", output);
        Assert.Matches(@"svc1\.testns\.svc\.cluster\.local\.\s+5\s+IN\s+A\s+10\.0\.0\.1", output);
    }

    [Fact]
    public async Task Dig_over_tcp_gets_the_same_answer_several_times_on_one_connection()
    {
        using var server = Servers.Start(FakeZone.Sample());

        var output = await Dig.RunAsync(server.EndPoint.Port, "+tcp", "+keepopen", "svc1.testns.svc.cluster.local", "A", "dns-version.cluster.local", "TXT");

        Assert.Matches(@"svc1\.testns\.svc\.cluster\.local\.\s+5\s+IN\s+A\s+10\.0\.0\.1", output);
        Assert.Matches("dns-version\\.cluster\\.local\\.\\s+5\\s+IN\\s+TXT\\s+\"1\\.1\\.0\"", output);
    }

    [Fact]
    public async Task A_large_answer_is_truncated_over_udp_and_complete_over_tcp()
    {
        using var server = Servers.Start(FakeZone.Sample(headlessEndpoints: 100));

        var udpOnly = await Dig.RunAsync(server.EndPoint.Port, "+ignore", "+noedns", "hdls1.testns.svc.cluster.local", "A");
        var withFallback = await Dig.RunAsync(server.EndPoint.Port, "hdls1.testns.svc.cluster.local", "A");

        Assert.Matches("flags: qr aa tc rd;", udpOnly);
        Assert.Contains("ANSWER: 0,", udpOnly);
        Assert.Contains("Truncated, retrying in TCP mode", withFallback);
        Assert.Contains("ANSWER: 100,", withFallback);
    }

    [Fact]
    public async Task An_edns_buffer_large_enough_avoids_truncation()
    {
        using var server = Servers.Start(FakeZone.Sample(headlessEndpoints: 100));

        var output = await Dig.RunAsync(server.EndPoint.Port, "+ignore", "+bufsize=4096", "hdls1.testns.svc.cluster.local", "A");

        Assert.DoesNotMatch("flags:[a-z ]* tc", output);
        Assert.Contains("ANSWER: 100,", output);
        Assert.Contains("udp: 4096", output);
    }

    [Fact]
    public async Task A_name_outside_the_zones_is_refused_without_forward()
    {
        using var server = Servers.Start(FakeZone.Sample());

        var output = await Dig.RunAsync(server.EndPoint.Port, "example.com", "A");

        Assert.Contains("status: REFUSED", output);
        Assert.Contains("ANSWER: 0,", output);
    }

    [Fact]
    public async Task The_question_comes_back_in_the_clients_case_also_from_the_cache()
    {
        using var server = Servers.Start(FakeZone.Sample());

        await Dig.RunAsync(server.EndPoint.Port, "svc1.testns.svc.cluster.local", "A");
        var output = await Dig.RunAsync(server.EndPoint.Port, "SvC1.TESTns.svc.cluster.local", "A");

        Assert.Contains(";SvC1.TESTns.svc.cluster.local.", output);
        Assert.Matches(new Regex(@"^SvC1\.TESTns\.svc\.cluster\.local\.\s+5\s+IN\s+A\s+10\.0\.0\.1", RegexOptions.Multiline), output);
    }
}
