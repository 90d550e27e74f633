// GET pods/{name}/log: validated options, the container, then the node's log bytes as text/plain (chunked and flushed as
// they come when following).
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Kinet.Api.Streams;

internal static class LogStreamer
{
    public static async Task ServeAsync(HttpContext http, JsonObject pod, IPodStreams streams)
    {
        if (http.Request.Method is not ("GET" or "HEAD"))
            throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        var options = PodLogOptions.Parse(http.Request.Query);
        var name = PodChecks.Name(pod);
        var errors = options.Validate();
        if (errors.Count > 0) throw ApiException.Invalid("", "PodLogOptions", name, errors);
        var container = PodChecks.Container(pod, options.Container);
        options = options with { Container = container };

        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/plain";
        // A pod without a node has no log yet: kube-apiserver answers an empty body.
        if (!PodChecks.HasHost(pod)) return;
        if (options.Follow) http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            var body = options.Follow ? new FlushingStream(http.Response.Body) : http.Response.Body;
            await streams.StreamLogsAsync(pod, container, options, body, http.RequestAborted);
        }
        catch (PodStreamException e)
        {
            // Once the log has begun there is no way left to say why it stopped; the body just ends.
            if (!http.Response.HasStarted) throw e.ToApiException();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
    }
}
