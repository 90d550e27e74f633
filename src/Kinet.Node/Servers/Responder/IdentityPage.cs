// The page the built-in responder answers every HTTP request with: who served it and whom it saw. "client" is the
// address the connection came from, so a test can tell that no NAT stood between two pods.
using System.Net;
using System.Text;
using Kinet.Node.Servers.Go;

namespace Kinet.Node.Servers.Responder;

internal static class IdentityPage
{
    public static string Render(IServerContext context, IPEndPoint server, IPEndPoint client)
    {
        var page = new StringBuilder();
        page.Append("pod: ").Append(context.PodName).Append('\n');
        page.Append("namespace: ").Append(context.Namespace).Append('\n');
        page.Append("pod IP: ").Append(context.PodIP).Append('\n');
        page.Append("node: ").Append(context.NodeName).Append('\n');
        page.Append("hostname: ").Append(context.Hostname).Append('\n');
        page.Append("server: ").Append(GoErrors.Address(server)).Append('\n');
        page.Append("client: ").Append(GoErrors.Address(client)).Append('\n');
        return page.ToString();
    }
}
