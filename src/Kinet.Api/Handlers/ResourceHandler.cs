// HTTP verbs on resource URLs: get, list, create, update, patch, delete, deletecollection and the status/scale subresources.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Http;
using Kinet.Api.Integration;
using Kinet.Api.Query;
using Kinet.Api.Registry;
using Kinet.Api.Resources;
using Kinet.Store;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Handlers;

public sealed class ResourceHandler(ApiContext api, ObjectRegistry registry, WatchHandler watches, Streams.StreamHandler? streams = null)
{
    public async Task HandleAsync(HttpContext http, RequestTarget t, bool legacyWatch)
    {
        var method = http.Request.Method;
        var r = t.Resource;
        switch (t.Subresource)
        {
            case null:
                break;
            case "status":
                if (method is "GET") { await GetAsync(http, t); return; }
                if (method is "PUT") { await UpdateAsync(http, t); return; }
                if (method is "PATCH") { await PatchAsync(http, t); return; }
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource");
            case "scale":
                await ScaleHandler.HandleAsync(http, api, registry, t, WriteOptionsFor(http));
                return;
            case "finalize" when method is "PUT":
                await FinalizeNamespaceAsync(http, t);
                return;
            case "binding" when method is "POST":
                await BindAsync(http, t);
                return;
            case var sub when streams is not null && Streams.StreamHandler.Handles(sub) && !t.IsCollection:
                await streams.HandleAsync(http, t);
                return;
            default:
                // eviction, and the streams when no node agent serves them.
                throw ApiException.BadRequest(
                    $"{t.Subresource} is not available for {r.QualifiedName} \"{t.Name}\": this Kinet cluster has no node agent running pods yet");
        }

        if (t.IsCollection)
        {
            switch (method)
            {
                case "GET":
                    var o = ListOptions.Parse(http.Request.Query, r);
                    if (o.Watch || legacyWatch) await watches.ServeAsync(http, t, o);
                    else await ListAsync(http, t, o);
                    return;
                case "POST": await CreateAsync(http, t); return;
                case "DELETE": await DeleteCollectionAsync(http, t); return;
            }
        }
        else
        {
            switch (method)
            {
                case "GET":
                    if (legacyWatch)
                    {
                        var o = ListOptions.Parse(http.Request.Query, r) with { Watch = true };
                        await watches.ServeAsync(http, t with { Name = null }, o with { Fields = FieldSelector.Parse($"metadata.name={t.Name}", r) });
                    }
                    else await GetAsync(http, t);
                    return;
                case "PUT": await UpdateAsync(http, t); return;
                case "PATCH": await PatchAsync(http, t); return;
                case "DELETE": await DeleteAsync(http, t); return;
            }
        }
        throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
    }

    private Task GetAsync(HttpContext http, RequestTarget t) =>
        Representations.WriteObjectAsync(http, api, t.Resource, registry.GetObject(t.Resource, t.Namespace, t.Name!), 200);

    private async Task ListAsync(HttpContext http, RequestTarget t, ListOptions o)
    {
        var r = t.Resource;
        string? after = null;
        if (o.Continue is not null) after = ContinueToken.Decode(o.Continue).LastKey;
        var filter = Filter(o);
        var result = api.Store.List(r.StoreKey, t.Namespace, after, o.Limit, filter);
        var token = result.ContinueAfter is null ? null : ContinueToken.Encode(result.ContinueAfter, result.Revision);
        await Representations.WriteListAsync(http, api, r, result.Items, result.Revision, token);
    }

    internal static Func<StoredObject, bool>? Filter(ListOptions o)
    {
        if (o.Labels.IsEverything && o.Fields.IsEverything) return null;
        return s =>
        {
            var obj = ApiContext.Parse(s);
            return o.Labels.Matches(Meta.Labels(obj)) && o.Fields.Matches(obj);
        };
    }

    private async Task CreateAsync(HttpContext http, RequestTarget t)
    {
        var w = WriteOptionsFor(http);
        var obj = await ReadObjectAsync(http, t.Resource, w);
        var created = await registry.CreateAsync(t.Resource, t.Namespace, obj, w, http.RequestAborted);
        ResponseWriter.AddWarnings(http, w.Warnings);
        await Representations.WriteObjectAsync(http, api, t.Resource, created, 201);
    }

    private async Task UpdateAsync(HttpContext http, RequestTarget t)
    {
        var w = WriteOptionsFor(http);
        var obj = await ReadObjectAsync(http, t.Resource, w);
        var result = await registry.UpdateAsync(t.Resource, t.Namespace, t.Name!, t.Subresource, w, _ => obj.DeepClone().AsObject(),
            createIfMissing: t.Subresource is null && Strategy.AllowCreateOnUpdate(t.Resource), http.RequestAborted);
        ResponseWriter.AddWarnings(http, w.Warnings);
        await Representations.WriteObjectAsync(http, api, t.Resource, result.Object, result.Created ? 201 : 200);
    }

    private async Task PatchAsync(HttpContext http, RequestTarget t)
    {
        var r = t.Resource;
        var w = WriteOptionsFor(http);
        var mediaType = MediaTypes.Bare(http.Request.ContentType);
        if (mediaType is not (MediaTypes.ApplyPatchYaml or MediaTypes.JsonPatch or MediaTypes.MergePatch or MediaTypes.StrategicMergePatch))
            throw ApiException.UnsupportedMediaType(mediaType);
        var (patch, duplicates) = Components.ParsePatch(await BodyReader.ReadBytesAsync(http.Request, http.RequestAborted), mediaType);
        WriteResult result;
        if (mediaType == MediaTypes.ApplyPatchYaml)
        {
            if (patch is not JsonObject applied) throw ApiException.BadRequest("the apply patch must be an object");
            if (!http.Request.Query.ContainsKey("fieldManager"))
                throw ApiException.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
            w.Warnings.AddRange(Components.CheckApplied(r, applied, w.FieldValidation, duplicates));
            var force = ListOptions.IsTrue(http.Request.Query["force"]);
            w = w with { IsApply = true };
            result = await registry.UpdateAsync(r, t.Namespace, t.Name!, t.Subresource, w,
                live => Components.ServerSideApply(r, live, applied.DeepClone().AsObject(), w.Manager, force, api.Now, t.Subresource),
                createIfMissing: t.Subresource is null, http.RequestAborted);
        }
        else
        {
            if (mediaType != MediaTypes.JsonPatch && patch is not JsonObject)
                throw ApiException.BadRequest("json: cannot unmarshal array into Go value of type map[string]interface {}");
            Func<JsonObject, JsonObject> apply = mediaType switch
            {
                MediaTypes.JsonPatch => live => Components.JsonPatch(live, patch),
                MediaTypes.MergePatch => live => Components.MergePatch(live, patch),
                _ => live => Components.StrategicMergePatch(r, live, (JsonObject)patch),
            };
            result = await registry.UpdateAsync(r, t.Namespace, t.Name!, t.Subresource, w, live =>
            {
                if (live is null) throw ApiException.NotFound(r.Group, r.Plural, t.Name!);
                var patched = apply(live);
                w.Warnings.AddRange(Components.CheckPatched(r, patched, w.FieldValidation, mediaType, patch, duplicates));
                CheckTypeMeta(r, patched);
                return patched;
            }, createIfMissing: false, http.RequestAborted);
        }
        ResponseWriter.AddWarnings(http, w.Warnings.Distinct());
        await Representations.WriteObjectAsync(http, api, r, result.Object, result.Created ? 201 : 200);
    }

    private async Task DeleteAsync(HttpContext http, RequestTarget t)
    {
        var o = await ReadDeleteOptionsAsync(http);
        var result = await registry.DeleteAsync(t.Resource, t.Namespace, t.Name!, o, http.RequestAborted);
        await Representations.WriteObjectAsync(http, api, t.Resource, result.Object, result.Deleted ? 200 : 202);
    }

    private async Task DeleteCollectionAsync(HttpContext http, RequestTarget t)
    {
        var r = t.Resource;
        if (!r.Verbs.Contains("deletecollection")) throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        var lo = ListOptions.Parse(http.Request.Query, r);
        var o = await ReadDeleteOptionsAsync(http);
        var items = api.Store.List(r.StoreKey, t.Namespace, filter: Filter(lo)).Items;
        var deleted = new List<StoredObject>();
        foreach (var s in items)
        {
            try
            {
                var res = await registry.DeleteAsync(r, s.Namespace.Length == 0 ? null : s.Namespace, s.Name, o, http.RequestAborted);
                deleted.Add(s with { Json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(res.Object) });
            }
            catch (ApiException e) when (e.Code == 404) { }
        }
        await Representations.WriteListAsync(http, api, r, deleted, api.Store.Revision, null);
    }

    private async Task FinalizeNamespaceAsync(HttpContext http, RequestTarget t)
    {
        var w = WriteOptionsFor(http);
        var obj = await ReadObjectAsync(http, t.Resource, w);
        var result = await registry.UpdateAsync(t.Resource, null, t.Name!, "finalize", w, live =>
        {
            if (live is null) throw ApiException.NotFound("", "namespaces", t.Name!);
            live["spec"] = obj["spec"]?.DeepClone() ?? new JsonObject();
            return live;
        }, createIfMissing: false, http.RequestAborted);
        await Representations.WriteObjectAsync(http, api, t.Resource, result.Object, 200);
    }

    private async Task BindAsync(HttpContext http, RequestTarget t)
    {
        // pods/binding: the scheduler's way of setting spec.nodeName (once).
        var w = WriteOptionsFor(http);
        var body = await BodyReader.ReadAsync(http.Request, http.RequestAborted) as JsonObject
                   ?? throw ApiException.BadRequest("a Binding is required");
        var node = Meta.Str(body["target"]?["name"]) ?? throw ApiException.BadRequest("binding target name is required");
        await registry.BindAsync(t.Namespace!, t.Name!, node, w, http.RequestAborted);
        await ResponseWriter.WriteJsonAsync(http, 201, ResponseWriter.SuccessStatus());
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext http, ResourceInfo r, WriteOptions w)
    {
        var bytes = await BodyReader.ReadBytesAsync(http.Request, http.RequestAborted);
        if (bytes.Length == 0) throw ApiException.BadRequest("the body of the request was empty");
        var (obj, warnings) = Components.DecodeObject(r, bytes, MediaTypes.Bare(http.Request.ContentType), w.FieldValidation);
        CheckTypeMeta(r, obj);
        w.Warnings.AddRange(warnings);
        return obj;
    }

    /// <summary>A body's apiVersion/kind must name this resource (or be absent), as the apiserver's decoder enforces.</summary>
    internal static void CheckTypeMeta(ResourceInfo r, JsonObject obj)
    {
        var apiVersion = Meta.Str(obj["apiVersion"]);
        var kind = Meta.Str(obj["kind"]);
        if (apiVersion is { Length: > 0 } && apiVersion != r.ApiVersion)
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({r.ApiVersion})");
        if (kind is { Length: > 0 } && kind != r.Kind)
            throw ApiException.BadRequest($"{kind} in version \"{r.Version}\" cannot be handled as a {r.Kind}: no kind \"{kind}\" is registered for version \"{r.ApiVersion}\" in scheme \"k8s.io/apimachinery@v1.32.0/pkg/runtime/scheme.go:100\"");
        obj["apiVersion"] = r.ApiVersion;
        obj["kind"] = r.Kind;
    }

    internal static WriteOptions WriteOptionsFor(HttpContext http)
    {
        var q = http.Request.Query;
        var dryRun = q["dryRun"];
        foreach (var d in dryRun)
            if (d != "All") throw ApiException.BadRequest($"Invalid dry run value: {d}; supported values: \"All\"");
        var requested = q["fieldManager"].ToString();
        if (requested.Length > 0 && Patching.Apply.ManagedFields.ValidateManager(requested, "fieldManager") is [var invalid, ..])
            throw ApiException.BadRequest(invalid.ToString());
        // The fieldManager parameter, else the User-Agent prefix ("kubectl" from "kubectl/v1.32.4 (...)"), as upstream.
        var manager = Patching.Apply.ManagedFields.ManagerFor(requested, http.Request.Headers.UserAgent.ToString());
        if (manager.Length == 0) manager = "unknown";
        var fv = q["fieldValidation"].ToString();
        if (!Decoding.FieldValidationParameter.TryParse(fv, out _))
            throw ApiException.BadRequest($"fieldValidation \"{fv}\" is invalid: valid values are \"Ignore\", \"Warn\", or \"Strict\"");
        return new WriteOptions { Manager = manager, DryRun = dryRun.Count > 0, FieldValidation = fv.Length == 0 ? null : fv };
    }

    private static async Task<Registry.DeleteOptions> ReadDeleteOptionsAsync(HttpContext http)
    {
        var q = http.Request.Query;
        var fromQuery = new Registry.DeleteOptions
        {
            GracePeriodSeconds = long.TryParse(q["gracePeriodSeconds"], out var g) ? g : null,
            PropagationPolicy = q["propagationPolicy"].ToString() is { Length: > 0 } p ? p : null,
            DryRun = q["dryRun"].Any(d => d == "All"),
        };
        var body = await BodyReader.ReadAsync(http.Request, http.RequestAborted);
        var options = Registry.DeleteOptions.FromJson(body as JsonObject, fromQuery);
        Registry.DeletionPropagation.Validate(options); // also for a collection that matches nothing, as upstream
        return options;
    }
}
