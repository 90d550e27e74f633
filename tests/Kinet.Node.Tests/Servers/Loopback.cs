// Test support for the built-in servers: contexts that listen on 127.0.0.1 with plain sockets, free high ports,
// and a raw HTTP/1.1 client that shows exactly what went over the wire (so keep-alive and framing are checked, not
// smoothed over by a client library). Conventions: every server here binds 127.0.0.1 only; ports come from the
// kernel's ephemeral range by binding port 0.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kinet.Node.Servers;

namespace Kinet.Node.Tests.Servers;

internal sealed class Loopback
{
    /// <summary>A generous guard so a broken server fails a test instead of hanging the run; never a performance bound.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public ConcurrentQueue<(ContainerStream Stream, string Line)> Lines { get; } = new();
    public ConcurrentQueue<int> Exits { get; } = new();

    public ServerContext Context(IReadOnlyDictionary<string, string>? env = null) => new()
    {
        PodName = "web-1",
        Namespace = "shop",
        PodIP = "10.244.1.7",
        NodeName = "kinet-worker",
        Hostname = "web-1",
        Environment = env ?? new Dictionary<string, string>(),
        ListenAddress = IPAddress.Loopback,
        LogSink = (stream, line) => Lines.Enqueue((stream, line)),
        OnExit = code => Exits.Enqueue(code),
    };

    public string Log => string.Join("\n", Lines.Select(l => l.Line));

    public static int FreePort(SocketType type = SocketType.Stream)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>A port that is free for both TCP and UDP.</summary>
    public static int FreeTcpAndUdpPort()
    {
        while (true)
        {
            var port = FreePort();
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    public static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(Guard);
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> on a new connection and returns everything until the server closes.</summary>
    public static async Task<string> ExchangeAsync(int port, string request)
    {
        using var socket = await ConnectAsync(port);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), SocketFlags.None);
        return await ReadToEndAsync(socket);
    }

    public static async Task<string> ReadToEndAsync(Socket socket)
    {
        var all = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Guard)) > 0) all.Write(buffer, 0, n);
        return Encoding.UTF8.GetString(all.ToArray());
    }

    public static Task<HttpAnswer> GetAsync(int port, string target) =>
        RequestAsync(port, $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");

    public static async Task<HttpAnswer> RequestAsync(int port, string request) => HttpAnswer.Parse(await ExchangeAsync(port, request));

    /// <summary>Reads exactly one response (framed by Content-Length) from a connection that stays open.</summary>
    public static async Task<HttpAnswer> ReadOneAsync(Socket socket, bool head = false)
    {
        var data = new List<byte>();
        var buffer = new byte[1];
        while (!Encoding.Latin1.GetString(data.ToArray()).EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Guard) == 0) throw new EndOfStreamException();
            data.Add(buffer[0]);
        }
        var answer = HttpAnswer.Parse(Encoding.UTF8.GetString(data.ToArray()));
        var length = head ? 0 : int.Parse(answer.Header("Content-Length") ?? "0");
        var body = new byte[length];
        for (var read = 0; read < length;)
            read += await socket.ReceiveAsync(body.AsMemory(read), SocketFlags.None).AsTask().WaitAsync(Guard);
        return answer with { Body = Encoding.UTF8.GetString(body) };
    }

    public static async Task<string> UdpAsync(int port, string payload)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(Encoding.UTF8.GetBytes(payload), SocketFlags.None);
        var buffer = new byte[65536];
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Guard);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}

/// <summary>One HTTP response as text: status line, headers, body.</summary>
internal sealed record HttpAnswer(int Status, string StatusLine, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public string? Header(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public static HttpAnswer Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) throw new InvalidDataException($"no HTTP head in: {raw}");
        var lines = raw[..split].Split("\r\n");
        var headers = lines.Skip(1).Select(l => (l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim())).ToList();
        return new HttpAnswer(int.Parse(lines[0].Split(' ')[1]), lines[0], headers, raw[(split + 4)..]);
    }
}
