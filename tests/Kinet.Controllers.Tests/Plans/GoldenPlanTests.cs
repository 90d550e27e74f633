// Golden folders: Golden/<case>/pod.json (+ sources.json with configMaps, secrets and services) planned and rendered
// with PlanText must equal Golden/<case>/plan.txt. Set KINET_UPDATE_GOLDEN=1 to rewrite the expected files after a
// deliberate change, then review the diff.
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class GoldenPlanTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(GoldenRoot()).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_plan_matches_its_golden_file(string name)
    {
        var dir = Path.Combine(GoldenRoot(), name);
        var pod = Fixtures.Obj(File.ReadAllText(Path.Combine(dir, "pod.json")));
        var sources = Sources(Path.Combine(dir, "sources.json"));
        string actual;
        try
        {
            actual = PlanText.Render(PodPlanner.Plan(pod, sources, Fixtures.Settings with { BusyboxApplets = ["sh", "tail"] }));
        }
        catch (PodPlanException e)
        {
            actual = string.Concat(e.Events.Select(w => $"error {w.Reason}: {w.Message}\n"));
        }
        var expectedPath = Path.Combine(dir, "plan.txt");
        if (Environment.GetEnvironmentVariable("KINET_UPDATE_GOLDEN") == "1") File.WriteAllText(expectedPath, actual);
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    private static FakeSources Sources(string path)
    {
        var sources = new FakeSources().WithKubernetesService();
        if (!File.Exists(path)) return sources;
        var doc = Fixtures.Obj(File.ReadAllText(path));
        foreach (var cm in (doc["configMaps"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            sources.ConfigMaps[$"{cm["metadata"]!["namespace"]}/{cm["metadata"]!["name"]}"] = cm;
        }
        foreach (var s in (doc["secrets"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            sources.Secrets[$"{s["metadata"]!["namespace"]}/{s["metadata"]!["name"]}"] = s;
        }
        foreach (var svc in (doc["services"] as JsonArray)?.OfType<JsonObject>() ?? []) sources.AllServices.Add(svc);
        return sources;
    }

    private static string GoldenRoot([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "Golden");
}
