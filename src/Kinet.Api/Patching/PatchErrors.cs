// The Status errors kube-apiserver 1.32 answers for bad patches (k8s.io/apiserver handlers/patch.go).
using System.Text.Json.Nodes;
using Kinet.Api.Errors;

namespace Kinet.Api.Patching;

public static class PatchErrors
{
    /// <summary>400 BadRequest with the patch library's message (malformed patch, bad directive format).</summary>
    public static ApiException BadRequest(string message) => ApiException.BadRequest(message);

    /// <summary>
    /// 422 as errors.NewGenericServerResponse builds it: the library's message is replaced by a fixed text and details are empty.
    /// This is what a failing JSON patch operation (test failed, missing path) gets.
    /// </summary>
    public static ApiException Unprocessable() =>
        new(422, "Invalid", "the server rejected our request due to an error in our request", new JsonObject());

    /// <summary>
    /// An error that is not a Status (e.g. "map: ... does not contain declared merge key: name"): apiserver answers 500
    /// with reason Unknown, which is the empty string.
    /// </summary>
    public static ApiException Internal(string message) => new(500, "", message);
}
