// Golden files: every case in ViewCases rendered as `iptables-save` (testdata/<case>.iptables) and as `ipvsadm -Ln`
// (testdata/<case>.ipvs); the seed's case also for `--service default/my-service`. Set KINET_UPDATE_GOLDEN=1 to
// rewrite the expected files after a deliberate change, then review the diff.
using System.Runtime.CompilerServices;
using Kinet.Proxy.Views;

namespace Kinet.Proxy.Tests.Views;

public class GoldenViewTests
{
    public static TheoryData<string> Cases() => [.. ViewCases.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_iptables_view_matches_its_golden_file(string name) =>
        AssertGolden($"{name}.iptables", ProxyViews.Iptables(ViewCases.All[name]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_ipvs_view_matches_its_golden_file(string name) =>
        AssertGolden($"{name}.ipvs", ProxyViews.Ipvs(ViewCases.All[name]));

    [Fact]
    public void The_views_of_one_service_match_their_golden_files()
    {
        AssertGolden("seed-my-service.only.iptables", ProxyViews.Iptables(ViewCases.SeedMyService(), "default/my-service"));
        AssertGolden("seed-my-service.only.ipvs", ProxyViews.Ipvs(ViewCases.SeedMyService(), "default/my-service"));
    }

    internal static void AssertGolden(string file, string actual)
    {
        var path = Path.Combine(TestData(), file);
        if (Environment.GetEnvironmentVariable("KINET_UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"{path} is missing: run with KINET_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string TestData([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "testdata");
}
