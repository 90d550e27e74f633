// The event recorder writes core/v1 Events as client-go does: named <object>.<hex>, involvedObject filled from the object,
// and a repeat of the same event bumps count and lastTimestamp on the same object.
using System.Text.Json.Nodes;
using Kinet.Controllers.Events;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.Events;

public class EventRecorderTests
{
    private static JsonObject Pod() => JsonNode.Parse("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"default","uid":"u-1","resourceVersion":"7"}}
        """)!.AsObject();

    [Fact]
    public async Task An_event_names_its_object_and_a_repeat_counts_up()
    {
        var (client, _, _) = await ApiBackedClient.StartAsync();
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-26T10:00:00Z"));
        var recorder = new EventRecorder(client, clock);

        var first = await recorder.WriteAsync(Pod(), EventRecorder.Warning, "FailedScheduling", "0/3 nodes are available", "default-scheduler", null, default);
        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await recorder.WriteAsync(Pod(), EventRecorder.Warning, "FailedScheduling", "0/3 nodes are available", "default-scheduler", null, default);

        Assert.Equal(first["metadata"]!["name"]!.GetValue<string>(), second["metadata"]!["name"]!.GetValue<string>());
        Assert.StartsWith("web-1.", first["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(2, second["count"]!.GetValue<int>());
        Assert.Equal("2026-11-26T10:00:00Z", second["firstTimestamp"]!.GetValue<string>());
        Assert.Equal("2026-11-26T10:00:05Z", second["lastTimestamp"]!.GetValue<string>());
        Assert.Equal("""{"kind":"Pod","namespace":"default","name":"web-1","uid":"u-1","apiVersion":"v1","resourceVersion":"7"}""",
            second["involvedObject"]!.ToJsonString());
        Assert.Single(client.List(Resources.Events, "default").Items);
    }

    [Fact]
    public async Task A_different_message_starts_a_new_event()
    {
        var (client, _, _) = await ApiBackedClient.StartAsync();
        var recorder = new EventRecorder(client, new ManualClock(DateTimeOffset.Parse("2026-11-26T10:00:00Z")));
        await recorder.WriteAsync(Pod(), EventRecorder.Normal, "Scheduled", "Successfully assigned default/web-1 to kinet-worker", "default-scheduler", null, default);
        await recorder.WriteAsync(Pod(), EventRecorder.Normal, "Pulled", "Container image \"nginx\" already present on machine", "kubelet", "kinet-worker", default);
        var events = client.List(Resources.Events, "default").Items;
        Assert.Equal(2, events.Count);
        Assert.Contains(events, e => e["source"]!.ToJsonString() == """{"component":"kubelet","host":"kinet-worker"}""");
    }
}
