// Watch streams: newline-delimited watch events from a resourceVersion, with selector transitions, bookmarks,
// timeouts, Table events, and 410 Gone for a resourceVersion the change log no longer reaches.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Http;
using Kinet.Api.Integration;
using Kinet.Api.Query;
using Kinet.Api.Registry;
using Kinet.Store;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Handlers;

public sealed class WatchHandler(ApiContext api)
{
    public async Task ServeAsync(HttpContext http, RequestTarget t, ListOptions o)
    {
        var r = t.Resource;
        var filter = ResourceHandler.Filter(o);
        bool Matches(StoredObject? s) => s is not null && (filter is null || filter(s));

        IReadOnlyList<StoredObject> initial = [];
        IWatch watch;
        var startRv = o.ResourceVersion;
        try
        {
            if (startRv is null or "0")
            {
                // No resourceVersion: the current state as ADDED events, then changes after it.
                var list = api.Store.List(r.StoreKey, t.Namespace, filter: filter);
                initial = list.Items;
                watch = api.Store.Watch(r.StoreKey, t.Namespace, list.Revision);
            }
            else
            {
                var after = Meta.ParseRevision(startRv);
                if (after > api.Store.Revision)
                    throw new ApiException(504, "Timeout", $"Too large resource version: {after}, current: {api.Store.Revision}");
                watch = api.Store.Watch(r.StoreKey, t.Namespace, after);
            }
        }
        catch (StoreRevisionTooOldException e)
        {
            // kube-apiserver answers 200 and sends the 410 as an ERROR event.
            await BeginAsync(http);
            var gone = ApiException.Gone($"too old resource version: {e.Requested} ({e.Oldest})");
            await WriteEventAsync(http, "ERROR", JsonSerializer.SerializeToUtf8Bytes(gone.ToStatus()));
            return;
        }

        using var _ = watch;
        var table = MediaTypes.Negotiate(http.Request.Headers.Accept) == Representation.Table;
        var includeObject = Representations.IncludeObject(http);
        var headersSent = false;
        var lastRv = api.Store.Revision;

        byte[] Render(StoredObject s)
        {
            if (!table) return s.Json;
            var t1 = Components.Table(r, [ApiContext.Parse(s)], s.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), null, includeObject, headersSent, api.Now);
            headersSent = true;
            return JsonSerializer.SerializeToUtf8Bytes(t1, Json.Options);
        }

        var timeout = o.TimeoutSeconds is int ts && ts > 0 ? TimeSpan.FromSeconds(ts) : api.DefaultWatchTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        cts.CancelAfter(timeout);
        var ct = cts.Token;

        await BeginAsync(http);
        foreach (var s in initial) await WriteEventAsync(http, "ADDED", Render(s));
        await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);

        var reader = watch.Events;
        Task<bool>? pending = null;
        Task? bookmarkDue = null; // one timer per bookmark, not one per batch of events
        try
        {
            while (true)
            {
                pending ??= reader.WaitToReadAsync(ct).AsTask();
                if (o.AllowWatchBookmarks)
                    bookmarkDue ??= Task.Delay(api.BookmarkInterval, ct);
                if (bookmarkDue is not null && await Task.WhenAny(pending, bookmarkDue) != pending)
                {
                    bookmarkDue = null;
                    if (ct.IsCancellationRequested) break;
                    await WriteEventAsync(http, "BOOKMARK", Bookmark(r, Math.Max(lastRv, api.Store.Revision)));
                    await http.Response.Body.FlushAsync(ct);
                    continue;
                }
                var more = await pending;
                pending = null;
                if (!more) break;
                while (reader.TryRead(out var e))
                {
                    lastRv = e.Revision;
                    // Selector transitions as the watch cache computes them: an object that starts matching is ADDED,
                    // one that stops matching is DELETED.
                    var now = e.Type != ChangeType.Deleted && Matches(e.Object);
                    var before = e.Type switch
                    {
                        ChangeType.Added => false,
                        ChangeType.Deleted => Matches(e.Previous ?? e.Object),
                        _ => e.Previous is null ? now : Matches(e.Previous),
                    };
                    var type = (before, now) switch
                    {
                        (false, true) => "ADDED",
                        (true, true) => "MODIFIED",
                        (true, false) => "DELETED",
                        _ => null,
                    };
                    if (type is not null) await WriteEventAsync(http, type, Render(e.Object));
                }
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }

    private static byte[] Bookmark(Resources.ResourceInfo r, long rv) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["kind"] = r.Kind,
            ["apiVersion"] = r.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });

    private static async Task BeginAsync(HttpContext http)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = MediaTypes.Json;
        http.Response.Headers.CacheControl = "no-cache, private";
        await http.Response.StartAsync(http.RequestAborted);
    }

    private static readonly byte[] TypePrefix = "{\"type\":\""u8.ToArray();
    private static readonly byte[] ObjectPrefix = "\",\"object\":"u8.ToArray();
    private static readonly byte[] EventEnd = "}\n"u8.ToArray();

    private static async Task WriteEventAsync(HttpContext http, string type, byte[] obj)
    {
        var body = http.Response.Body;
        await body.WriteAsync(TypePrefix);
        await body.WriteAsync(Encoding.UTF8.GetBytes(type));
        await body.WriteAsync(ObjectPrefix);
        await body.WriteAsync(obj);
        await body.WriteAsync(EventEnd);
    }
}
