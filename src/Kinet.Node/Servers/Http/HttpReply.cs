// What a handler answers: a status, headers and a body; or no answer at all (the process died mid-request).
using System.Text;

namespace Kinet.Node.Servers.Http;

internal sealed record HttpReply
{
    public const string TextPlain = "text/plain; charset=utf-8";

    public int Status { get; init; } = 200;
    /// <summary>Replaces the standard reason phrase (Go's server says "400 Bad Request: missing required Host header").</summary>
    public string? Reason { get; init; }
    public byte[] Body { get; init; } = [];
    /// <summary>Go sniffs text/plain for text bodies and sends no type for empty ones.</summary>
    public string? ContentType { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    /// <summary>Close the connection after this reply.</summary>
    public bool Close { get; init; }
    /// <summary>Send nothing and drop the connection (os.Exit inside a handler).</summary>
    public bool Abort { get; init; }
    /// <summary>Runs once the reply is on the wire (a graceful /exit).</summary>
    public Action? AfterSent { get; init; }

    public static HttpReply Text(string body, int status = 200) => new()
    {
        Status = status,
        Body = Encoding.UTF8.GetBytes(body),
        ContentType = body.Length == 0 ? null : TextPlain,
    };

    /// <summary>Go's http.Error: the message and a newline, with nosniff.</summary>
    public static HttpReply Error(string message, int status) => Text(message + "\n", status) with
    {
        Headers = [new("X-Content-Type-Options", "nosniff")],
    };

    public static readonly HttpReply Dropped = new() { Abort = true };
}
