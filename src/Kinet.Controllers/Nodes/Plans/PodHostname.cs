// The pod's hostname and domain as the kubelet derives them (GeneratePodHostNameAndDomain, GetNodenameForKernel):
// spec.hostname or the pod name cut to 63 characters, "<subdomain>.<ns>.svc.<domain>" with a subdomain, the FQDN as
// the kernel hostname with setHostnameAsFQDN; hostNetwork pods keep the node's name.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kinet.Model;

namespace Kinet.Controllers.Nodes.Plans;

public sealed partial record PodHostname(string Hostname, string Domain, string KernelHostname)
{
    public string? Fqdn => Domain.Length > 0 ? Hostname + "." + Domain : null;

    public static PodHostname For(JsonObject pod, PodPlanSettings settings)
    {
        var podName = JsonRead.Str(pod, "metadata", "name") ?? "";
        if (JsonRead.Bool(pod, "spec", "hostNetwork")) return new PodHostname(settings.NodeName, "", settings.NodeName);
        var hostname = podName;
        if (JsonRead.Str(pod, "spec", "hostname") is { Length: > 0 } h)
        {
            if (!Dns1123Label(h)) throw Invalid($"pod Hostname \"{h}\" is not a valid DNS label: {LabelMessage}");
            hostname = h;
        }
        if (hostname.Length > 63)
        {
            hostname = hostname[..63].TrimEnd('-', '.');
            if (hostname.Length == 0) throw Invalid($"hostname for pod \"{podName}\" was invalid: \"{hostname}\"");
        }
        var domain = "";
        if (JsonRead.Str(pod, "spec", "subdomain") is { Length: > 0 } sub)
        {
            if (!Dns1123Label(sub)) throw Invalid($"pod Subdomain \"{sub}\" is not a valid DNS label: {LabelMessage}");
            domain = $"{sub}.{JsonRead.Str(pod, "metadata", "namespace")}.svc.{settings.ClusterDomain}";
        }
        var kernel = hostname;
        if (domain.Length > 0 && JsonRead.Bool(pod, "spec", "setHostnameAsFQDN"))
        {
            var fqdn = hostname + "." + domain;
            if (fqdn.Length > 64)
            {
                throw Invalid($"failed to construct FQDN from pod hostname and cluster domain, FQDN {fqdn} is too long (64 characters is the max, {fqdn.Length} characters requested)");
            }
            kernel = fqdn;
        }
        return new PodHostname(hostname, domain, kernel);
    }

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private static bool Dns1123Label(string s) => s.Length <= 63 && LabelRegex().IsMatch(s);

    // The sandbox cannot be configured: the kubelet reports it as FailedCreatePodSandBox.
    private static PodPlanException Invalid(string message) =>
        new("FailedCreatePodSandBox", "Failed to create pod sandbox: " + message);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelRegex();
}
