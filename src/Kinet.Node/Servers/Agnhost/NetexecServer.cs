// agnhost netexec: the HTTP endpoints the network e2e tests drive (/, /echo, /clientip, /header, /dial, /exit,
// /healthz, /readyz, /hostname, /hostName, /redirect, /shell, /shutdown, /upload), the UDP server answering
// "hostname", "echo <x>" and "clientip", and optionally SCTP; messages and log lines as upstream writes them.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Kinet.Node.Servers.Go;
using Kinet.Node.Servers.Http;
using Kinet.Node.Servers.Net;
using Kinet.Node.Servers.Responder;

namespace Kinet.Node.Servers.Agnhost;

internal sealed class NetexecServer(IServerContext context, NetexecOptions options) : BuiltinServer(context)
{
    private volatile bool _ready;
    private volatile bool _sigTermReceived;

    protected override Task StartCoreAsync(CancellationToken ct)
    {
        if (options.UdpPort != -1)
        {
            if (ParseAddresses(options.UdpListenAddresses) is not { } addresses)
            {
                Fatal($"parseAddress: invalid address {options.UdpListenAddresses.Split(',').First(a => !IPAddress.TryParse(a, out _))}");
                return Task.CompletedTask;
            }
            foreach (var address in addresses)
            {
                if (BindOrDie(() => UdpServeLoop.Start(Context, options.UdpPort, AnswerDatagram, 2048, address),
                        e => $"Error occurred: failed to create listener for UDP address {address?.ToString() ?? ""}:{options.UdpPort}:listen udp :{options.UdpPort}: bind: {GoErrors.Errno(e)}") is null)
                    return Task.CompletedTask;
                Log($"Started UDP server on port {address?.ToString() ?? ""} {options.UdpPort}");
                _ready = true;
            }
        }
        if (options.SctpPort != -1)
        {
            if (BindOrDie(() => TcpListenerLoop.Start(Context, options.SctpPort, ServeSctpAsync, BuiltinResponder.SctpProtocol),
                    e => $"Error occurred: failed to create listener for SCTP address :{options.SctpPort}:{GoErrors.Errno(e)}") is null)
                return Task.CompletedTask;
            Log("Started SCTP server");
            _ready = true;
        }
        Log($"Started HTTP server on port {options.HttpPort}");
        BindOrDie(() => TcpListenerLoop.Start(Context, options.HttpPort, (socket, token) =>
                HttpServerConnection.ServeAsync(new SocketReader(socket), HandleAsync, Context.Time, token)),
            e => $"listen tcp :{options.HttpPort}: bind: {GoErrors.Errno(e)}");
        return Task.CompletedTask;
    }

    public override void Signal(PosixSignal signal)
    {
        if (signal != PosixSignal.SIGTERM) { base.Signal(signal); return; }
        _sigTermReceived = true;
        if (options.DelayShutdown <= 0) { Exit(0); return; }
        Log($"Sleeping {options.DelayShutdown} seconds before terminating...");
        _ = Task.Delay(TimeSpan.FromSeconds(options.DelayShutdown), Context.Time, Stopping)
            .ContinueWith(t => { if (!t.IsCanceled) Exit(0); }, TaskScheduler.Default);
    }

    private ValueTask<HttpReply> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (options.HttpOverride.Length > 0)
        {
            var q = options.HttpOverride.IndexOf('?');
            request = request with
            {
                Method = "GET",
                Path = q >= 0 ? options.HttpOverride[..q] : options.HttpOverride,
                RawQuery = q >= 0 ? options.HttpOverride[(q + 1)..] : "",
            };
        }
        return request.Path switch
        {
            "/clientip" => Reply("GET /clientip", GoErrors.Address(request.RemoteEndPoint)),
            "/header" => ValueTask.FromResult(Header(request)),
            "/dial" => DialAsync(request, ct),
            "/echo" => ValueTask.FromResult(Echo(request)),
            "/exit" => ExitAsync(request, ct),
            "/healthz" => ValueTask.FromResult(Healthz()),
            "/readyz" => ValueTask.FromResult(Readyz()),
            "/hostname" => Reply("GET /hostname", Context.Hostname),
            "/hostName" => Reply("GET /hostName", Context.Hostname),
            "/redirect" => ValueTask.FromResult(Redirect(request)),
            "/shell" => ShellAsync(request, ct),
            "/upload" => Upload(),
            "/shutdown" => Shutdown(),
            _ => Reply("GET /", "NOW: " + GoTime(Context.Time.GetUtcNow())),
        };
    }

    private ValueTask<HttpReply> Reply(string logLine, string body)
    {
        Log(logLine);
        return ValueTask.FromResult(HttpReply.Text(body));
    }

    private HttpReply Echo(HttpRequest request)
    {
        var msg = request.FormValue("msg");
        var codeString = request.FormValue("code");
        Log($"GET /echo?msg={msg}&code={codeString}");
        var status = 200;
        if (codeString.Length > 0)
        {
            if (!int.TryParse(codeString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out status))
                return HttpReply.Text($"argument 'code' must be an integer or empty, got {GoQuote(codeString)}\n");
            if (status is < 100 or > 999) return HttpReply.Dropped; // Go's WriteHeader panics; the server drops the connection
        }
        return HttpReply.Text(msg, status);
    }

    private HttpReply Header(HttpRequest request)
    {
        var key = request.FormValue("key");
        if (key.Length > 0)
        {
            Log($"GET /header?key={key}");
            return HttpReply.Text(request.Header(key) ?? "");
        }
        Log("GET /header");
        var map = request.Headers.Where(h => !h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            .GroupBy(h => CanonicalHeaderKey(h.Key))
            .Select(g => new KeyValuePair<string, IReadOnlyList<string>>(g.Key, g.Select(h => h.Value).ToList()));
        return HttpReply.Text(GoJson.ObjectOfLists(map));
    }

    private async ValueTask<HttpReply> ExitAsync(HttpRequest request, CancellationToken ct)
    {
        var waitString = request.FormValue("wait");
        var timeoutString = request.FormValue("timeout");
        var codeString = request.FormValue("code");
        Log($"GET /exit?code={codeString}&timeout={timeoutString}&wait={waitString}");
        if (!GoDuration.TryParse(timeoutString, out var timeout) && timeoutString.Length > 0)
            return HttpReply.Text($"argument 'timeout' must be a valid golang duration or empty, got {GoQuote(timeoutString)}\n");
        if (!GoDuration.TryParse(waitString, out var wait) && waitString.Length > 0)
            return HttpReply.Text($"argument 'wait' must be a valid golang duration or empty, got {GoQuote(waitString)}\n");
        if (!int.TryParse(codeString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) && codeString.Length > 0)
            return HttpReply.Text($"argument 'code' must be an integer [0-127] or empty, got {GoQuote(codeString)}\n");
        Log($"Will begin shutdown in {GoDuration.Format(wait)}, allowing {GoDuration.Format(timeout)} for connections to close, then will exit with {code}");
        if (wait > TimeSpan.Zero) await Task.Delay(wait, Context.Time, ct);
        code &= 0xFF; // os.Exit's status is a byte
        if (timeout == TimeSpan.Zero)
        {
            Exit(code);
            return HttpReply.Dropped;
        }
        return HttpReply.Text("") with
        {
            AfterSent = () =>
            {
                Log("Graceful shutdown completed with: <nil>");
                Exit(code);
            },
        };
    }

    private HttpReply Healthz()
    {
        Log("GET /healthz");
        return HttpReply.Text("", _ready ? 200 : 412);
    }

    private HttpReply Readyz()
    {
        Log("GET /readyz");
        if (_sigTermReceived) return HttpReply.Text("shutting down", 503);
        return _ready ? HttpReply.Text("ok") : HttpReply.Text("", 412);
    }

    private HttpReply Redirect(HttpRequest request)
    {
        var location = request.FormValue("location");
        var codeString = request.FormValue("code");
        Log($"{request.Method} /redirect?msg={location}&code={codeString}");
        var code = 302;
        if (codeString.Length > 0 && !int.TryParse(codeString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out code))
            return HttpReply.Text($"argument 'code' must be an integer or empty, got {GoQuote(codeString)}\n");
        var reply = new HttpReply { Status = code, Headers = [new("Location", location)] };
        if (request.Method is "GET" or "HEAD")
        {
            var body = $"<a href=\"{WebUtility.HtmlEncode(location)}\">{HttpStatusText.Of(code)}</a>.\n\n";
            reply = reply with { Body = Encoding.UTF8.GetBytes(body), ContentType = "text/html; charset=utf-8" };
        }
        return reply;
    }

    private async ValueTask<HttpReply> ShellAsync(HttpRequest request, CancellationToken ct)
    {
        var cmd = request.FormValue("shellCommand");
        if (cmd.Length == 0) cmd = request.FormValue("cmd");
        Log($"GET /shell?cmd={cmd}");
        var output = new Dictionary<string, string>();
        if (Context.Shell is not { } shell)
        {
            output["error"] = "fork/exec /bin/sh: kinet's built-in netexec has no shell in this container";
        }
        else
        {
            var result = await shell(cmd, ct);
            if (result.Output.Length > 0) output["output"] = result.Output;
            if (result.ExitCode != 0) output["error"] = $"exit status {result.ExitCode}";
        }
        Log($"Output: map[{string.Join(" ", output.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Key + ":" + o.Value))}]");
        return HttpReply.Text(GoJson.Object(output));
    }

    private ValueTask<HttpReply> Upload()
    {
        // Bodies are not kept in-process, so the form file is always missing: upstream's answer to that.
        Log("GET /upload");
        Log("Unable to upload file: http: no such file");
        return ValueTask.FromResult(HttpReply.Text(GoJson.Object([new("error", "Unable to upload file.")])));
    }

    private ValueTask<HttpReply> Shutdown()
    {
        Log("GET /shutdown");
        Exit(0);
        return ValueTask.FromResult(HttpReply.Dropped);
    }

    private async ValueTask<HttpReply> DialAsync(HttpRequest request, CancellationToken ct)
    {
        string Q(string name) => QueryString.First(request.RawQuery, name) ?? "";
        var (host, port, req, protocol, tryParam) = (Q("host"), Q("port"), Q("request"), Q("protocol"), Q("tries"));
        Log($"GET /dial?host={host}&protocol={protocol}&port={port}&request={req}&tries={tryParam}");
        var tries = 1;
        if (tryParam.Length > 0 && !int.TryParse(tryParam, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out tries))
            return HttpReply.Error($"tries parameter is invalid. strconv.Atoi: parsing {GoQuote(tryParam)}: invalid syntax", 400);
        if (req.Length == 0) return HttpReply.Error("request parameter not specified. <nil>", 400);
        var kind = protocol.ToLowerInvariant();
        if (kind is not ("" or "http" or "udp" or "sctp")) return HttpReply.Error($"unsupported protocol. {protocol}", 400);
        var network = kind is "" or "http" ? "tcp" : kind;
        IPEndPoint target;
        try
        {
            target = await NetexecDial.ResolveAsync(Context, network, host, port, ct);
        }
        catch (DialException e)
        {
            return HttpReply.Error($"host and/or port param are invalid. {e.Message}", 400);
        }
        var errors = new List<string>();
        var responses = new List<string>();
        var response = "";
        for (var i = 0; i < tries; i++)
        {
            try
            {
                response = await NetexecDial.OnceAsync(Context, network, req, target, ct);
                responses.Add(response);
            }
            catch (DialException e)
            {
                response = "";
                errors.Add(e.Message);
            }
        }
        var output = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        if (response.Length > 0) output.Add(new("responses", responses));
        if (errors.Count > 0) output.Add(new("errors", errors));
        return HttpReply.Text(GoJson.ObjectOfLists(output));
    }

    private byte[]? AnswerDatagram(ReadOnlyMemory<byte> data, IPEndPoint client) =>
        Answer(Encoding.UTF8.GetString(data.Span), client, "UDP") is { } text ? Encoding.UTF8.GetBytes(text) : null;

    private async Task ServeSctpAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[1024];
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
        if (Answer(Encoding.UTF8.GetString(buffer, 0, n), (IPEndPoint)socket.RemoteEndPoint!, "SCTP") is { } text)
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, ct);
    }

    /// <summary>The datagram protocol: "hostname", "echo &lt;msg&gt;" (lower-cased, as upstream lower-cases all input), "clientip".</summary>
    private string? Answer(string received, IPEndPoint client, string protocol)
    {
        var text = received.Trim().ToLowerInvariant();
        var from = GoErrors.Address(client);
        if (text == "hostname")
        {
            Log(protocol == "UDP" ? "Sending udp hostName response" : "Sending SCTP hostName response");
            return Context.Hostname;
        }
        if (text.StartsWith("echo ", StringComparison.Ordinal))
        {
            var resp = text[5..];
            Log($"Echoing {resp} to {protocol} client {from}");
            return resp;
        }
        if (text == "clientip")
        {
            Log($"Sending clientip back to {protocol} client {from}");
            return from;
        }
        if (text.Length > 0) Log($"Unknown {protocol} command received from {from}: {text}");
        return null;
    }

    /// <summary>--udp-listen-addresses: null entries mean "any"; null result when an address does not parse.</summary>
    private static List<IPAddress?>? ParseAddresses(string addresses)
    {
        if (addresses.Length == 0) return [null];
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in addresses.Split(','))
        {
            if (!IPAddress.TryParse(a, out _)) return null;
            result.Add(a);
        }
        return result.Select(a => (IPAddress?)IPAddress.Parse(a)).ToList();
    }

    /// <summary>Go's http.CanonicalHeaderKey: "x-forwarded-for" → "X-Forwarded-For".</summary>
    private static string CanonicalHeaderKey(string key) =>
        string.Join("-", key.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));

    /// <summary>Go's %q for the plain strings these messages quote.</summary>
    private static string GoQuote(string s) => GoJson.String(s).Replace("\\u003c", "<").Replace("\\u003e", ">").Replace("\\u0026", "&");

    /// <summary>time.Time.String() in UTC without the monotonic reading: "2024-05-01 12:00:00.123456789 +0000 UTC".</summary>
    internal static string GoTime(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var nanos = (utc.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (nanos.Length > 0 ? "." + nanos : "") + " +0000 UTC";
    }
}
