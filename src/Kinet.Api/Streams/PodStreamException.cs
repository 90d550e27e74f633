// A failure of the node side of a stream (no such container running, the port refused the connection...): the API server
// answers it as a metav1.Status with this code, reason and message, before the protocol upgrade as an HTTP error, after it
// on the error channel.
using Kinet.Api.Errors;

namespace Kinet.Api.Streams;

public sealed class PodStreamException(int code, string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;

    /// <summary>What kube-apiserver says when the kubelet cannot reach the container (kubelet: `container not found ("c")`).</summary>
    public static PodStreamException ContainerNotFound(string container) =>
        new(500, "InternalError", $"Internal error occurred: unable to upgrade connection: container not found (\"{container}\")");

    /// <summary>A 400 BadRequest with <paramref name="message"/>, as the kubelet answers a log request for a container that is
    /// not running (`container "c" in pod "p" is waiting to start: ContainerCreating`).</summary>
    public static PodStreamException BadRequest(string message) => new(400, "BadRequest", message);

    internal ApiException ToApiException() => new(Code, Reason, Message);
}
