// The metav1.Status that ends an exec or attach on the error channel (the kubelet's remotecommand writeStatus): Success,
// NonZeroExitCode with the code as an ExitCode cause, or the failure that stopped the session.
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Api.Streams;

internal static class StreamStatus
{
    public static byte[] Success() => Bytes(new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" });

    public static byte[] Exit(int code, ExecRequest request) => code == 0 ? Success() : Bytes(new JsonObject
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"command terminated with non-zero exit code: command '{string.Join(' ', request.Command)}' exited with {code}",
        ["reason"] = "NonZeroExitCode",
        ["details"] = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        },
    });

    public static byte[] Failure(int code, string reason, string message)
    {
        var s = new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = message };
        if (reason.Length > 0) s["reason"] = reason;
        if (code == 500) s["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) };
        s["code"] = code;
        return Bytes(s);
    }

    public static byte[] Failure(Exception e) => e switch
    {
        PodStreamException p => Failure(p.Code, p.Reason, p.Message),
        Errors.ApiException a => Failure(a.Code, a.Reason, a.Message),
        _ => Failure(500, "InternalError", "Internal error occurred: " + e.Message),
    };

    private static byte[] Bytes(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString(Http.Json.Options));
}
