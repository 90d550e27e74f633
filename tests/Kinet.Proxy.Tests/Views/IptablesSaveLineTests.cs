// kube-proxy's restore arguments → the line iptables-save prints for them. Each pair was checked by restoring the
// left side with iptables v1.8.9 (nf_tables) in a scratch network namespace and reading iptables-save back.
using Kinet.Proxy.Views.Iptables;

namespace Kinet.Proxy.Tests.Views;

public class IptablesSaveLineTests
{
    [Theory]
    [InlineData("KUBE-SERVICES", "-m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O",
        "-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O")]
    [InlineData("KUBE-SVC-X", "-m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ",
        "-A KUBE-SVC-X ! -s 10.0.0.0/8 -d 172.30.0.41/32 -p tcp -m comment --comment \"ns1/svc1:p80 cluster IP\" -m tcp --dport 80 -j KUBE-MARK-MASQ")]
    [InlineData("KUBE-SVC-X", "-m comment --comment \"a -> b\" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-Y",
        "-A KUBE-SVC-X -m comment --comment \"a -> b\" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-Y")]
    [InlineData("KUBE-SVC-X", "-m statistic --mode random --probability 0.0010000000 -j KUBE-SEP-Y",
        "-A KUBE-SVC-X -m statistic --mode random --probability 0.00100000016 -j KUBE-SEP-Y")]
    [InlineData("KUBE-SVC-X", "-m comment --comment \"a -> b\" -m recent --name KUBE-SEP-Y --rcheck --seconds 10800 --reap -j KUBE-SEP-Y",
        "-A KUBE-SVC-X -m comment --comment \"a -> b\" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -j KUBE-SEP-Y")]
    [InlineData("KUBE-SEP-Y", "-m comment --comment ns1/svc1:p80 -m recent --name KUBE-SEP-Y --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80",
        "-A KUBE-SEP-Y -p tcp -m comment --comment \"ns1/svc1:p80\" -m recent --set --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.0.1:80")]
    [InlineData("KUBE-SEP-Y", "-m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ",
        "-A KUBE-SEP-Y -s 10.180.0.1/32 -m comment --comment \"ns1/svc1:p80\" -j KUBE-MARK-MASQ")]
    [InlineData("KUBE-POSTROUTING", "-m mark ! --mark 0x004000/0x004000 -j RETURN", "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN")]
    [InlineData("KUBE-POSTROUTING", "-j MARK --xor-mark 0x004000", "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0")]
    [InlineData("KUBE-MARK-MASQ", "-j MARK --or-mark 0x004000", "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000")]
    [InlineData("KUBE-FIREWALL", "-m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP",
        "-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment \"block incoming localnet connections\" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP")]
    [InlineData("KUBE-SERVICES", "-m comment --comment \"ns6/svc6:p80 has no endpoints\" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT",
        "-A KUBE-SERVICES -d 172.30.0.46/32 -p tcp -m comment --comment \"ns6/svc6:p80 has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable")]
    [InlineData("KUBE-EXTERNAL-SERVICES", "-m comment --comment \"x has no local endpoints\" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP",
        "-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment \"x has no local endpoints\" -m addrtype --dst-type LOCAL -m tcp --dport 3001 -j DROP")]
    [InlineData("KUBE-FW-X", "-m comment --comment \"other traffic to x will be dropped by KUBE-PROXY-FIREWALL\"",
        "-A KUBE-FW-X -m comment --comment \"other traffic to x will be dropped by KUBE-PROXY-FIREWALL\"")]
    [InlineData("INPUT", "-m conntrack --ctstate NEW -m comment --comment x -j KUBE-SERVICES",
        "-A INPUT -m conntrack --ctstate NEW -m comment --comment x -j KUBE-SERVICES")]
    [InlineData("KUBE-POSTROUTING", "-m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully",
        "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully")]
    public void A_restored_rule_reads_back_as_iptables_save_prints_it(string chain, string restored, string saved) =>
        Assert.Equal(saved, IptablesSaveLine.Format(new IptablesRule("nat", chain, Tokens(restored))));

    [Theory]
    [InlineData("ns1/svc1:p80", "\"ns1/svc1:p80\"")]
    [InlineData("plain_word-1", "plain_word-1")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("", "\"\"")]
    public void Strings_are_quoted_only_when_they_hold_more_than_letters_digits_dashes_and_underscores(string value, string saved) =>
        Assert.Equal(saved, IptablesSaveLine.SaveString(value));

    /// <summary>Splits on spaces, keeping a double-quoted comment (with its quotes) as one argument.</summary>
    private static List<string> Tokens(string line)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ') { i++; continue; }
            var end = line[i] == '"' ? line.IndexOf('"', i + 1) + 1 : line.IndexOf(' ', i);
            if (end <= 0) end = line.Length;
            tokens.Add(line[i..end]);
            i = end;
        }
        return tokens;
    }
}
