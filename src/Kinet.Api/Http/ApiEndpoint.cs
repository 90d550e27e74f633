// The one request entry point: authentication, then discovery/OpenAPI/health or a resource handler; every error becomes a Status.
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Handlers;
using Kinet.Api.Integration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kinet.Api.Http;

public sealed class ApiEndpoint(ResourceHandler resources, IReadOnlyDictionary<string, string> tokens, ILogger logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            Authenticate(http);
            await RouteAsync(http);
        }
        catch (ApiException e)
        {
            if (!http.Response.HasStarted) await ResponseWriter.WriteStatusAsync(http, e);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A bug of ours, never the user's fault: log it whole, answer a 500 Status.
            logger.LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            if (!http.Response.HasStarted)
                await ResponseWriter.WriteStatusAsync(http, new ApiException(500, "InternalError", "Internal error occurred: " + e.Message,
                    new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = e.Message }) }));
        }
    }

    private void Authenticate(HttpContext http)
    {
        var auth = http.Request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.Ordinal) && tokens.TryGetValue(auth[7..].Trim(), out var user))
        {
            http.Items["user"] = user;
            return;
        }
        throw ApiException.Unauthorized();
    }

    private async Task RouteAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.Length > 1) path = path.TrimEnd('/');
        var get = http.Request.Method is "GET" or "HEAD";
        switch (path)
        {
            case "/version" when get:
                await ResponseWriter.WriteJsonAsync(http, 200, Components.VersionInfo());
                return;
            case "/healthz" or "/livez" or "/readyz" when get:
                await ResponseWriter.WriteBytesAsync(http, 200, "ok"u8.ToArray(), "text/plain; charset=utf-8");
                return;
            case "/api" when get:
            case "/apis" when get:
                var core = path == "/api";
                if (MediaTypes.AcceptsAggregatedDiscovery(http.Request.Headers.Accept))
                    await ResponseWriter.WriteJsonAsync(http, 200, Components.AggregatedDiscovery(core), MediaTypes.AggregatedDiscovery);
                else
                    await ResponseWriter.WriteJsonAsync(http, 200, Components.LegacyDiscovery(core ? "/api" : "/apis", http.Request.Host.ToString())
                        ?? throw NotFound());
                return;
            case "/openapi/v2" when get:
                if (!http.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal)) throw NotFound();
                await ResponseWriter.WriteBytesAsync(http, 200, OpenApi.OpenApiV2.Protobuf, OpenApi.OpenApiV2.ProtobufMediaType);
                return;
        }
        if (path.StartsWith("/openapi/v3", StringComparison.Ordinal) && get)
        {
            var doc = Components.OpenApi(path["/openapi/v3".Length..].TrimStart('/')) ?? throw NotFound();
            await ResponseWriter.WriteBytesAsync(http, 200, doc);
            return;
        }
        var target = RequestTarget.Parse(path, out var legacyWatch);
        if (target is null)
        {
            if (get && Components.LegacyDiscovery(path, http.Request.Host.ToString()) is { } legacy)
            {
                await ResponseWriter.WriteJsonAsync(http, 200, legacy);
                return;
            }
            throw NotFound();
        }
        await resources.HandleAsync(http, target, legacyWatch);
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
