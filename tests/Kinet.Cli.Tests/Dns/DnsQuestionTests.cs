// The question `kinet dns query` asks: absolute names, reverse names for addresses, types, and a pod's search list.
using Kinet.Cli.Dns;
using Kinet.Model.Dns;

namespace Kinet.Cli.Tests.Dns;

public class DnsQuestionTests
{
    [Theory]
    [InlineData("My-Svc.Default.svc.cluster.local", "my-svc.default.svc.cluster.local.")]
    [InlineData("kubernetes.default.svc.cluster.local.", "kubernetes.default.svc.cluster.local.")]
    [InlineData("10.96.0.10", "10.0.96.10.in-addr.arpa.")]
    [InlineData("fd00::a", "a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.")]
    public void Names_become_absolute_and_addresses_their_reverse_names(string name, string absolute) =>
        Assert.Equal(absolute, DnsQuestion.Absolute(name));

    [Theory]
    [InlineData("a..b")]
    [InlineData("x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.local")]
    public void A_name_DNS_cannot_carry_is_refused_in_one_line(string name) =>
        Assert.Throws<CliException>(() => DnsQuestion.Absolute(name));

    [Fact]
    public void A_name_longer_than_253_characters_is_refused() =>
        Assert.Throws<CliException>(() => DnsQuestion.Absolute(string.Join('.', Enumerable.Repeat(new string('a', 60), 5))));

    [Theory]
    [InlineData(null, false, DnsType.A)]
    [InlineData(null, true, DnsType.PTR)]
    [InlineData("srv", false, DnsType.SRV)]
    [InlineData("AAAA", false, DnsType.AAAA)]
    public void The_type_defaults_to_A_or_PTR_for_an_address(string? text, bool reverse, DnsType type) =>
        Assert.Equal(type, DnsQuestion.ParseType(text, reverse));

    [Theory]
    [InlineData("MX")]
    [InlineData("OPT")]
    [InlineData("33")]
    public void An_unknown_type_is_refused(string text) => Assert.Throws<CliException>(() => DnsQuestion.ParseType(text, false));
}
