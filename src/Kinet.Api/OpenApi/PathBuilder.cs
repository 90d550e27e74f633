// The OpenAPI paths of one resource, shaped like kube-apiserver's: collection and item paths, the all-namespaces list,
// status and scale. Each PATCH carries the kind's x-kubernetes-group-version-kind and a fieldValidation parameter, which is
// how kubectl decides that the server validates fields (and then sends fieldValidation=Strict instead of validating itself).
using System.Text.Json.Nodes;
using Kinet.Api.Resources;

namespace Kinet.Api.OpenApi;

internal sealed class PathBuilder(ResourceInfo r, string kindSchema, string listSchema, string? scaleSchema)
{
    private const string StatusSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    private const string DeleteOptionsSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";

    // Strategic merge patch is left out on purpose: with it listed, kubectl would compute apply patches from these schemas,
    // which carry no x-kubernetes-patch-merge-key; without it kubectl uses its compiled-in types.
    private static readonly string[] PatchContentTypes = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];

    private string Gv => (r.Group.Length == 0 ? "Core" : Pascal(r.Group.Split('.')[0])) + Pascal(r.Version);
    private string Scope => r.Namespaced ? "Namespaced" : "";
    private string Collection => r.GroupVersionPath + (r.Namespaced ? "/namespaces/{namespace}/" : "/") + r.Plural;

    public IEnumerable<(string Path, JsonObject Item)> Paths()
    {
        var gvk = Gvk(r.Group, r.Version, r.Kind);
        var verbs = r.Verbs.ToHashSet();

        var collection = PathItem(named: false);
        if (verbs.Contains("list")) collection["get"] = Operation($"list{Gv}{Scope}{r.Kind}", "list", gvk, listSchema, ListParameters());
        if (verbs.Contains("create")) collection["post"] = WithBody(Operation($"create{Gv}{Scope}{r.Kind}", "post", gvk, kindSchema, WriteParameters()), ["application/json", "application/yaml"], kindSchema);
        if (verbs.Contains("deletecollection")) collection["delete"] = Operation($"delete{Gv}Collection{Scope}{r.Kind}", "deletecollection", gvk, StatusSchema, ListParameters());
        yield return (Collection, collection);

        var item = PathItem(named: true);
        if (verbs.Contains("get")) item["get"] = Operation($"read{Gv}{Scope}{r.Kind}", "get", gvk, kindSchema, []);
        if (verbs.Contains("update")) item["put"] = WithBody(Operation($"replace{Gv}{Scope}{r.Kind}", "put", gvk, kindSchema, WriteParameters()), ["application/json", "application/yaml"], kindSchema);
        if (verbs.Contains("patch")) item["patch"] = Patch($"patch{Gv}{Scope}{r.Kind}", gvk, kindSchema);
        if (verbs.Contains("delete")) item["delete"] = WithBody(Operation($"delete{Gv}{Scope}{r.Kind}", "delete", gvk, StatusSchema, DeleteParameters()), ["application/json", "application/yaml"], DeleteOptionsSchema);
        yield return (Collection + "/{name}", item);

        if (r.Namespaced && verbs.Contains("list"))
        {
            var all = new JsonObject { ["get"] = Operation($"list{Gv}{r.Kind}ForAllNamespaces", "list", gvk, listSchema, ListParameters()) };
            all["parameters"] = new JsonArray(Query("pretty", "string"));
            yield return ($"{r.GroupVersionPath}/{r.Plural}", all);
        }

        if (r.HasStatus) yield return (Collection + "/{name}/status", ReadReplacePatch("Status", gvk, kindSchema));
        if (r.HasScale && scaleSchema is not null)
            yield return (Collection + "/{name}/scale", ReadReplacePatch("Scale", Gvk("autoscaling", "v1", "Scale"), scaleSchema));
    }

    private JsonObject ReadReplacePatch(string suffix, JsonObject gvk, string schema)
    {
        var item = PathItem(named: true);
        item["get"] = Operation($"read{Gv}{Scope}{r.Kind}{suffix}", "get", gvk, schema, []);
        item["put"] = WithBody(Operation($"replace{Gv}{Scope}{r.Kind}{suffix}", "put", gvk, schema, WriteParameters()), ["application/json", "application/yaml"], schema);
        item["patch"] = Patch($"patch{Gv}{Scope}{r.Kind}{suffix}", gvk, schema);
        return item;
    }

    private static JsonObject Patch(string operationId, JsonObject gvk, string schema)
    {
        var parameters = WriteParameters();
        parameters.Add(Query("force", "boolean"));
        return WithBody(Operation(operationId, "patch", gvk, schema, parameters), PatchContentTypes, SchemaNames.Patch);
    }

    private JsonObject PathItem(bool named)
    {
        var parameters = new JsonArray();
        if (named) parameters.Add(PathParameter("name"));
        if (r.Namespaced) parameters.Add(PathParameter("namespace"));
        parameters.Add(Query("pretty", "string"));
        return new JsonObject { ["parameters"] = parameters };
    }

    private static JsonObject Operation(string operationId, string action, JsonObject gvk, string responseSchema, JsonArray parameters)
    {
        var op = new JsonObject
        {
            ["tags"] = new JsonArray(),
            ["operationId"] = operationId,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject
                    {
                        ["application/json"] = SchemaRef(responseSchema),
                        ["application/yaml"] = SchemaRef(responseSchema),
                    },
                },
                ["401"] = new JsonObject { ["description"] = "Unauthorized" },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
        if (parameters.Count > 0) op["parameters"] = parameters;
        return op;
    }

    private static JsonObject WithBody(JsonObject op, IEnumerable<string> contentTypes, string schema)
    {
        var content = new JsonObject();
        foreach (var type in contentTypes) content[type] = SchemaRef(schema);
        // Keep the document's conventional order: requestBody before responses.
        var reordered = new JsonObject();
        foreach (var (key, value) in op.ToList())
        {
            op.Remove(key);
            if (key == "responses") reordered["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
            reordered[key] = value;
        }
        return reordered;
    }

    private static JsonArray WriteParameters() =>
    [
        Query("dryRun", "string"),
        Query("fieldManager", "string"),
        Query("fieldValidation", "string"),
    ];

    private static JsonArray ListParameters() =>
    [
        Query("allowWatchBookmarks", "boolean"), Query("continue", "string"), Query("fieldSelector", "string"), Query("labelSelector", "string"),
        Query("limit", "integer"), Query("resourceVersion", "string"), Query("resourceVersionMatch", "string"), Query("sendInitialEvents", "boolean"),
        Query("timeoutSeconds", "integer"), Query("watch", "boolean"),
    ];

    private static JsonArray DeleteParameters() =>
        [Query("dryRun", "string"), Query("gracePeriodSeconds", "integer"), Query("propagationPolicy", "string")];

    private static JsonObject Query(string name, string type) =>
        new() { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true } };

    private static JsonObject PathParameter(string name) =>
        new() { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } };

    private static JsonObject SchemaRef(string schema) =>
        new() { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + schema } };

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static string Pascal(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
