// A program's answer to one request.
namespace Kinet.Node.Servers.Http;

internal delegate ValueTask<HttpReply> HttpHandler(HttpRequest request, CancellationToken ct);
