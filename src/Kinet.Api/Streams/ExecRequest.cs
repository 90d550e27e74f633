// An exec or attach request: which container, which command, which of the standard streams, and whether with a terminal
// (the query of pods/{name}/exec and pods/{name}/attach, core/v1 PodExecOptions and PodAttachOptions).
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Streams;

internal sealed record ExecRequest(JsonObject Pod, string Container, IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty,
    bool IsAttach)
{
    /// <summary>Parses and checks the query as kube-apiserver and the kubelet do before anything runs.</summary>
    public static ExecRequest Parse(IQueryCollection q, JsonObject pod, bool attach)
    {
        var container = PodChecks.Container(pod, q.TryGetValue("container", out var c) && c.Count > 0 ? c[0] : null);
        PodChecks.RequireHost(pod);
        var command = attach ? [] : QueryValues.All(q, "command");
        bool stdin = QueryValues.Bool(q, "stdin"), stdout = QueryValues.Bool(q, "stdout"), stderr = QueryValues.Bool(q, "stderr"), tty = QueryValues.Bool(q, "tty");
        if (!stdin && !stdout && !stderr) throw ApiException.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        // With a terminal there is no separate stderr (the kubelet merges it into the terminal).
        return new ExecRequest(pod, container, command, stdin, stdout, stderr && !tty, tty, attach);
    }

    /// <summary>Starts the session on the node; the container must be running (PodStreamException otherwise).</summary>
    public Task<IStreamSession> StartAsync(IPodStreams streams, CancellationToken ct)
    {
        PodChecks.RequireRunning(Pod, Container);
        return IsAttach
            ? streams.AttachAsync(Pod, Container, Stdin, Tty, ct)
            : streams.ExecAsync(Pod, Container, Command, Stdin, Tty, ct);
    }
}
