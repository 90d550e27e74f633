// The connect subresources of pods: log (plain HTTP), exec and attach (WebSocket v5/v4 channels, or SPDY/3.1), and
// portforward (SPDY/3.1, raw or tunnelled in a WebSocket). Checks the pod as kube-apiserver does, negotiates the
// protocol, then hands the node's side to IPodStreams.
using Kinet.Api.Errors;
using Kinet.Api.Http;
using Kinet.Api.Registry;
using Kinet.Api.Streams.Spdy;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Streams;

public sealed class StreamHandler(ObjectRegistry registry, IPodStreams streams, bool allowWebSockets = true)
{
    public static bool Handles(string? subresource) => subresource is "log" or "exec" or "attach" or "portforward";

    public async Task HandleAsync(HttpContext http, RequestTarget t)
    {
        var pod = registry.GetObject(t.Resource, t.Namespace, t.Name!);
        var request = http.Request;
        if (t.Subresource == "log")
        {
            await LogStreamer.ServeAsync(http, pod, streams);
            return;
        }
        if (request.Method is not ("GET" or "POST"))
            throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");

        if (t.Subresource == "portforward")
        {
            PodChecks.RequireHost(pod);
            await using var transport = await PortForwardTransportAsync(http);
            await using var spdy = new SpdyConnection(transport);
            await new PortForwarder(spdy, pod, streams).RunAsync(http.RequestAborted);
            return;
        }

        var exec = ExecRequest.Parse(request.Query, pod, attach: t.Subresource == "attach");
        if (allowWebSockets && Upgrades.IsWebSocket(request))
        {
            var offered = Upgrades.WebSocketProtocols(request);
            var protocol = Upgrades.Pick(offered, WebSocketExec.Protocols) ?? throw Upgrades.NoCommonProtocol(offered, WebSocketExec.Protocols);
            var ws = await Upgrades.AcceptWebSocketAsync(http, protocol);
            await new WebSocketExec(ws, v5: protocol == WebSocketExec.V5).RunAsync(exec, streams, http.RequestAborted);
            return;
        }
        if (Upgrades.IsSpdy(request))
        {
            var offered = Upgrades.SpdyProtocols(request);
            var protocol = Upgrades.Pick(offered, SpdyExec.Protocols) ?? throw Upgrades.NoCommonProtocol(offered, SpdyExec.Protocols);
            await using var spdy = new SpdyConnection(await Upgrades.AcceptSpdyAsync(http, protocol));
            await new SpdyExec(spdy, protocol).RunAsync(exec, streams, http.RequestAborted);
            return;
        }
        throw ApiException.BadRequest("Upgrade request required");
    }

    private async Task<Stream> PortForwardTransportAsync(HttpContext http)
    {
        var request = http.Request;
        if (allowWebSockets && Upgrades.IsWebSocket(request))
        {
            var offered = Upgrades.WebSocketProtocols(request);
            string[] supported = [PortForwarder.TunnelProtocol];
            var protocol = Upgrades.Pick(offered, supported) ?? throw Upgrades.NoCommonProtocol(offered, supported);
            return new WebSocketByteStream(await Upgrades.AcceptWebSocketAsync(http, protocol));
        }
        if (Upgrades.IsSpdy(request))
        {
            var offered = Upgrades.SpdyProtocols(request);
            string[] supported = [PortForwarder.Protocol];
            var protocol = Upgrades.Pick(offered, supported) ?? throw Upgrades.NoCommonProtocol(offered, supported);
            return await Upgrades.AcceptSpdyAsync(http, protocol);
        }
        throw ApiException.BadRequest("Upgrade request required");
    }
}
