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
    /// A patch the merge library cannot apply (e.g. "map: ... does not contain declared merge key: name"). kube-apiserver
    /// answers these with a 500; Kinet answers 400 BadRequest with the same message, because a client's bad patch is
    /// never a server error (a deliberate difference, see docs/differences.md).
    /// </summary>
    public static ApiException Internal(string message) => ApiException.BadRequest(message);
}
