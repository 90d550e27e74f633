// The HTTP GET netexec's /dial makes (Go's http.Client with a 5 s timeout), over a socket from the context's dial
// factory so it leaves from the pod. Errors read as Go's do: Get "http://10.0.0.1:80/hostname": dial tcp ...: connect: connection refused.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinet.Node.Servers.Go;
using Kinet.Node.Servers.Net;

namespace Kinet.Node.Servers.Http;

internal static class HttpDial
{
    public static async Task<string> GetAsync(IServerContext context, IPEndPoint target, string request, TimeSpan timeout, CancellationToken ct)
    {
        var address = GoErrors.Address(target);
        var url = $"http://{address}/{request}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var socket = context.DialSocketFactory(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var stage = "awaiting headers";
        try
        {
            try
            {
                await socket.ConnectAsync(target, deadline.Token);
            }
            catch (SocketException e)
            {
                throw new DialException($"Get \"{url}\": dial tcp {address}: connect: {GoErrors.Errno(e)}");
            }
            var head = $"GET /{request} HTTP/1.1\r\nHost: {address}\r\nUser-Agent: Go-http-client/1.1\r\n\r\n";
            await socket.SendAsync(Encoding.UTF8.GetBytes(head), SocketFlags.None, deadline.Token);
            var reader = new SocketReader(socket);
            string status;
            List<(string Name, string Value)> headers;
            do
            {
                status = await reader.ReadLineAsync(HttpHeadReader.MaxHeadBytes, deadline.Token) ?? throw new EndOfStreamException();
                headers = [];
                while ((await reader.ReadLineAsync(HttpHeadReader.MaxHeadBytes, deadline.Token) ?? throw new EndOfStreamException()) is { Length: > 0 } line)
                {
                    var colon = line.IndexOf(':');
                    if (colon > 0) headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            } while (status.Split(' ') is [_, ['1', _, _], ..]); // 1xx interim answers
            if (!status.StartsWith("HTTP/1.", StringComparison.Ordinal)) throw new DialException($"Get \"{url}\": malformed HTTP response \"{status}\"");
            stage = "reading body";
            return Encoding.UTF8.GetString(await ReadBodyAsync(reader, headers, deadline.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DialException($"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while {stage})");
        }
        catch (Exception e) when (e is EndOfStreamException or SocketException or LineTooLongException)
        {
            throw new DialException(e is SocketException se ? $"Get \"{url}\": read tcp: {GoErrors.Errno(se)}" : $"Get \"{url}\": EOF");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(SocketReader reader, List<(string Name, string Value)> headers, CancellationToken ct)
    {
        string? Header(string name) => headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
        if (Header("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new List<byte>();
            while (true)
            {
                var sizeLine = await reader.ReadLineAsync(4096, ct) ?? throw new EndOfStreamException();
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (size == 0) return [.. body];
                body.AddRange(await reader.ReadBytesAsync(size, ct));
                await reader.ReadLineAsync(4096, ct);
            }
        }
        if (Header("Content-Length") is { } cl && int.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return await reader.ReadBytesAsync(length, ct);
        var rest = new List<byte>();
        do
        {
            rest.AddRange(reader.Buffered.ToArray());
            reader.Consume(reader.Count);
        } while (await reader.FillAsync(64 * 1024, ct));
        return [.. rest];
    }
}

/// <summary>A failed /dial attempt, with the text Go's error would print.</summary>
internal sealed class DialException(string message) : Exception(message);
