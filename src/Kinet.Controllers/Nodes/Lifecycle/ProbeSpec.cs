// A container's probe read from its spec (v1.Probe with the API server's defaults: timeout 1 s, period 10 s, success
// threshold 1, failure threshold 3) and how to run it: exec through the sandbox, httpGet/tcpSocket through the prober
// towards the pod's address (or the probe's host). Named ports resolve against the container's ports, as
// kubelet prober.resolveContainerPort does, including its last try of a name as a number.
using System.Globalization;
using System.Text.Json.Nodes;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes.Lifecycle;

internal sealed record ProbeSpec(
    ProbeKind Kind,
    JsonObject Probe,
    int InitialDelaySeconds,
    int TimeoutSeconds,
    int PeriodSeconds,
    int SuccessThreshold,
    int FailureThreshold,
    long? TerminationGracePeriodSeconds)
{
    private static readonly string[] Fields = ["livenessProbe", "readinessProbe", "startupProbe"];

    public static ProbeSpec? Read(JsonObject container, ProbeKind kind)
    {
        if (container[Fields[(int)kind]] is not JsonObject p) return null;
        return new ProbeSpec(kind, p,
            Int(p, 0, "initialDelaySeconds"), Math.Max(1, Int(p, 1, "timeoutSeconds")), Math.Max(1, Int(p, 10, "periodSeconds")),
            Math.Max(1, Int(p, 1, "successThreshold")), Math.Max(1, Int(p, 3, "failureThreshold")), Long(p, "terminationGracePeriodSeconds"));
    }

    public TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>Runs the probe once. Throws <see cref="ProbeErrorException"/> when it cannot be run at all (a bad port).</summary>
    public async Task<ProbeResult> RunAsync(IPodSandbox sandbox, IProber prober, string podIP, JsonObject container, CancellationToken ct)
    {
        if (Probe["exec"] is JsonObject exec)
        {
            var command = (exec["command"] as JsonArray)?.Select(n => Str(n)).ToArray() ?? [];
            var r = await sandbox.ExecAsync(Str(container["name"]), command, Timeout, ct).ConfigureAwait(false);
            if (r.TimedOut) return ProbeResult.Failure($"command \"{string.Join(' ', command)}\" timed out");
            return r.ExitCode == 0 ? ProbeResult.Success(r.Output) : ProbeResult.Failure(r.Output);
        }
        if (Probe["httpGet"] is JsonObject http)
        {
            var headers = (http["httpHeaders"] as JsonArray)?.OfType<JsonObject>()
                .Select(h => new KeyValuePair<string, string>(Str(h["name"]), Str(h["value"]))).ToArray() ?? [];
            var target = new HttpGetTarget(Str(http["scheme"]) is { Length: > 0 } s ? s : "HTTP", Host(http, podIP),
                Port(http["port"], container), Str(http["path"]), headers);
            return await prober.HttpGetAsync(target, Timeout, ct).ConfigureAwait(false);
        }
        if (Probe["tcpSocket"] is JsonObject tcp)
            return await prober.TcpSocketAsync(Host(tcp, podIP), Port(tcp["port"], container), Timeout, ct).ConfigureAwait(false);
        throw new ProbeErrorException("missing probe handler for " + Str(container["name"]));
    }

    private static string Host(JsonObject handler, string podIP) => Str(handler["host"]) is { Length: > 0 } h ? h : podIP;

    private static int Port(JsonNode? port, JsonObject container)
    {
        int value;
        if (Long(port) is { } n) value = (int)n;
        else
        {
            var name = Str(port);
            var named = (container["ports"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(p => Str(p["name"]) == name);
            if (named is not null) value = Int(named, -1, "containerPort");
            else if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out value))
                throw new ProbeErrorException($"strconv.Atoi: parsing \"{name}\": invalid syntax");
        }
        if (value is > 0 and < 65536) return value;
        throw new ProbeErrorException($"invalid port number: {value}");
    }
}

/// <summary>A probe that could not be run (the kubelet's "probe errored": the result is thrown away).</summary>
internal sealed class ProbeErrorException(string message) : Exception(message);
