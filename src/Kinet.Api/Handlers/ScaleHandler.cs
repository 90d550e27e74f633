// The scale subresource of deployments and replicasets: an autoscaling/v1 Scale view of spec.replicas.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Http;
using Kinet.Api.Integration;
using Kinet.Api.Registry;
using Kinet.Model.Selectors;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Handlers;

public static class ScaleHandler
{
    public static async Task HandleAsync(HttpContext http, ApiContext api, ObjectRegistry registry, RequestTarget t, WriteOptions w)
    {
        var r = t.Resource;
        var name = t.Name!;
        switch (http.Request.Method)
        {
            case "GET":
                await ResponseWriter.WriteJsonAsync(http, 200, ToScale(registry.GetObject(r, t.Namespace, name)));
                return;
            case "PUT":
            case "PATCH":
                var mediaType = MediaTypes.Bare(http.Request.ContentType);
                var body = await BodyReader.ReadAsync(http.Request, http.RequestAborted) ?? throw ApiException.BadRequest("the body of the request was empty");
                var result = await registry.UpdateAsync(r, t.Namespace, name, "scale", w, live =>
                {
                    if (live is null) throw ApiException.NotFound(r.Group, r.Plural, name);
                    var scale = ToScale(live);
                    JsonObject desired = http.Request.Method == "PUT"
                        ? body as JsonObject ?? throw ApiException.BadRequest("a Scale object is required")
                        : mediaType switch
                        {
                            MediaTypes.JsonPatch => Components.JsonPatch(scale, body),
                            MediaTypes.MergePatch or MediaTypes.StrategicMergePatch => Components.MergePatch(scale, body as JsonObject ?? throw ApiException.BadRequest("the patch must be a JSON object")),
                            _ => throw ApiException.UnsupportedMediaType(mediaType),
                        };
                    var replicas = desired["spec"]?["replicas"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
                    if (replicas < 0)
                        throw ApiException.Invalid("autoscaling", "Scale", name,
                            [new FieldError(FieldErrorType.Invalid, "spec.replicas", "must be greater than or equal to 0", replicas)]);
                    var rv = Meta.ResourceVersion(desired);
                    if (rv is { Length: > 0 } && rv != Meta.ResourceVersion(live))
                        throw ApiException.Conflict(r.Group, r.Plural, name);
                    if (live["spec"] is not JsonObject spec) live["spec"] = spec = new JsonObject();
                    spec["replicas"] = replicas;
                    return live;
                }, createIfMissing: false, http.RequestAborted);
                await ResponseWriter.WriteJsonAsync(http, 200, ToScale(result.Object));
                return;
            default:
                throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    public static JsonObject ToScale(JsonObject obj)
    {
        var meta = (JsonObject)obj["metadata"]!;
        var selector = obj["spec"]?["selector"] as JsonObject;
        string selectorText;
        try { selectorText = LabelSelector.FromLabelSelector(selector).ToString(); }
        catch (FormatException) { selectorText = ""; }
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = selectorText,
            },
        };
    }
}
