// Conventions for every store test: resource "core/pods" unless a test needs two; objects are tiny JSON documents
// {"metadata":{"namespace","name","resourceVersion"},"data":...} so a test can see which write produced the stored bytes.
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Store.Tests;

internal static class TestObjects
{
    public const string Pods = "core/pods";

    public static byte[] Json(string ns, string name, long revision, string data) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["metadata"] = new JsonObject { ["namespace"] = ns, ["name"] = name, ["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["data"] = data,
        }.ToJsonString());

    public static string Data(StoredObject o) => (string)JsonNode.Parse(o.Json)!["data"]!;

    public static string ResourceVersion(StoredObject o) => (string)JsonNode.Parse(o.Json)!["metadata"]!["resourceVersion"]!;

    public static Mutation Create(string ns, string name, string data = "v", string resource = Pods) =>
        new(resource, ns, name, MutationKind.Create) { Build = rev => Json(ns, name, rev, data) };

    public static Mutation Update(string ns, string name, string data = "v2", long? expected = null, string resource = Pods) =>
        new(resource, ns, name, MutationKind.Update) { ExpectedRevision = expected, Build = rev => Json(ns, name, rev, data) };

    public static Mutation Delete(string ns, string name, long? expected = null, bool build = true, string resource = Pods) =>
        new(resource, ns, name, MutationKind.Delete) { ExpectedRevision = expected, Build = build ? rev => Json(ns, name, rev, "deleted") : null };

    /// <summary>Reads events until <paramref name="count"/> arrived (or the channel completed).</summary>
    public static async Task<List<ChangeEvent>> Take(IWatch watch, int count)
    {
        var events = new List<ChangeEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (events.Count < count && await watch.Events.WaitToReadAsync(timeout.Token))
            while (events.Count < count && watch.Events.TryRead(out var e)) events.Add(e);
        return events;
    }

    /// <summary>Every event still buffered, without waiting.</summary>
    public static List<ChangeEvent> Drain(IWatch watch)
    {
        var events = new List<ChangeEvent>();
        while (watch.Events.TryRead(out var e)) events.Add(e);
        return events;
    }
}
