// An error the API answers with a metav1.Status. Thrown anywhere below the HTTP layer; the HTTP layer renders it.
using System.Text.Json.Nodes;

namespace Kinet.Api.Errors;

public class ApiException : Exception
{
    public int Code { get; }
    public string Reason { get; }
    public JsonObject? Details { get; }

    public ApiException(int code, string reason, string message, JsonObject? details = null) : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>The metav1.Status body kubectl decodes.</summary>
    public JsonObject ToStatus()
    {
        var s = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };
        if (Reason.Length > 0) s["reason"] = Reason;
        if (Details is not null) s["details"] = Details.DeepClone();
        s["code"] = Code;
        return s;
    }

    private static JsonObject NameDetails(string name, string group, string kind)
    {
        // Go omits empty fields of StatusDetails.
        var d = new JsonObject();
        if (name.Length > 0) d["name"] = name;
        if (group.Length > 0) d["group"] = group;
        if (kind.Length > 0) d["kind"] = kind;
        return d;
    }

    public static ApiException NotFound(string group, string plural, string name) =>
        new(404, "NotFound", $"{Qualified(group, plural)} \"{name}\" not found", NameDetails(name, group, plural));

    public static ApiException AlreadyExists(string group, string plural, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, plural)} \"{name}\" already exists", NameDetails(name, group, plural));

    public static ApiException Conflict(string group, string plural, string name, string detail =
        "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, plural)} \"{name}\": {detail}", NameDetails(name, group, plural));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got \"{contentType}\")");

    /// <summary>422 Invalid: `Pod "BAD" is invalid: [a, b]` with one cause per field error; details.kind is the Kind.</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var e in errors)
            causes.Add(new JsonObject { ["reason"] = e.Reason, ["message"] = e.Message, ["field"] = e.Field });
        var details = NameDetails(name, group, kind);
        details["causes"] = causes;
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {list}", details);
    }

    private static string Qualified(string group, string plural) => group.Length == 0 ? plural : $"{plural}.{group}";
}
