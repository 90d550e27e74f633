// client-go's event recorder for controllers: core/v1 Events about an object (what `kubectl describe` and `kubectl get
// events` show). Writing is best-effort and off the caller's path, as upstream: a controller never waits for, or fails
// because of, an event. A repeat of the same event (same object, type, reason, message, source) bumps its count and
// lastTimestamp instead of making a new object, as client-go's EventLogger does.
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Events;

public sealed class EventRecorder
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
    private const int Remembered = 4096;

    private readonly IObjectClient _client;
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly Channel<(JsonObject Involved, string Type, string Reason, string Message, string Component, string? Host)> _pending =
        Channel.CreateBounded<(JsonObject, string, string, string, string, string?)>(new BoundedChannelOptions(10_000)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
    private readonly Dictionary<string, JsonObject> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private long _lastStamp;

    public EventRecorder(IObjectClient client, TimeProvider? clock = null, Action<string>? log = null)
    {
        _client = client;
        _clock = clock ?? TimeProvider.System;
        _log = log ?? (_ => { });
    }

    /// <summary>Records an event about <paramref name="involved"/> (a full object: kind, apiVersion, metadata) from <paramref name="component"/>.</summary>
    public void Record(JsonObject involved, string type, string reason, string message, string component, string? host = null) =>
        _pending.Writer.TryWrite((involved, type, reason, message, component, host));

    /// <summary>Writes recorded events until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var e in _pending.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try { await WriteAsync(e.Involved, e.Type, e.Reason, e.Message, e.Component, e.Host, ct).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { _log($"event {e.Reason} not written: {ex.Message}"); }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Writes one event now (the loop's step; tests call it directly).</summary>
    public async Task<JsonObject> WriteAsync(JsonObject involved, string type, string reason, string message, string component, string? host,
        CancellationToken ct)
    {
        var meta = involved["metadata"];
        var ns = Str(meta?["namespace"]) is { Length: > 0 } n ? n : "default";
        var name = Str(meta?["name"]);
        var uid = Str(meta?["uid"]);
        var now = Timestamp(_clock.GetUtcNow());
        var key = string.Join('\u0000', ns, Str(involved["kind"]), name, uid, type, reason, message, component, host);
        if (_recent.TryGetValue(key, out var previous))
        {
            var bumped = previous.DeepClone().AsObject();
            bumped["count"] = (previous["count"]?.GetValue<int>() ?? 1) + 1;
            bumped["lastTimestamp"] = now;
            try
            {
                var updated = await _client.UpdateAsync(Resources.Events, bumped, component, ct: ct).ConfigureAwait(false);
                _recent[key] = updated;
                return updated;
            }
            catch (Exception e) when (e is ObjectConflictException or ObjectNotFoundException)
            {
                // Deleted or changed meanwhile: start a new series.
            }
        }
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{name}.{NextStamp():x}",
                ["namespace"] = ns,
            },
            ["involvedObject"] = InvolvedObject(involved),
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = host is null ? new JsonObject { ["component"] = component } : new JsonObject { ["component"] = component, ["host"] = host },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = type,
            ["reportingComponent"] = component,
            ["reportingInstance"] = host ?? "",
        };
        var created = await _client.CreateAsync(Resources.Events, ev, component, ct).ConfigureAwait(false);
        Remember(key, created);
        return created;
    }

    /// <summary>client-go names events by the time in nanoseconds; strictly increasing here so two events never share a name.</summary>
    private long NextStamp()
    {
        var nanos = (_clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        _lastStamp = Math.Max(_lastStamp + 1, nanos);
        return _lastStamp;
    }

    private void Remember(string key, JsonObject ev)
    {
        if (_recent.TryAdd(key, ev)) _recentOrder.Enqueue(key);
        else _recent[key] = ev;
        while (_recentOrder.Count > Remembered) _recent.Remove(_recentOrder.Dequeue());
    }

    private static JsonObject InvolvedObject(JsonObject o)
    {
        var meta = o["metadata"];
        var r = new JsonObject { ["kind"] = Str(o["kind"]) };
        if (Str(meta?["namespace"]) is { Length: > 0 } ns) r["namespace"] = ns;
        r["name"] = Str(meta?["name"]);
        if (Str(meta?["uid"]) is { Length: > 0 } uid) r["uid"] = uid;
        r["apiVersion"] = Str(o["apiVersion"]);
        if (Str(meta?["resourceVersion"]) is { Length: > 0 } rv) r["resourceVersion"] = rv;
        return r;
    }

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

}
