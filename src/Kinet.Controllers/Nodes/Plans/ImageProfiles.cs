// The one table from image name to profile (README shows it), matched on the repository without registry or tag:
//   nginx*             real nginx as the official image runs it (nginx -g "daemon off;", its config and pages)
//   busybox*           sh by default; busybox applets linked over the PATH directories
//   nicolaka/netshoot  the host's tools; zsh by default (bash when the host has no zsh), in /root
//   */agnhost*         /agnhost runs `kinet agnhost`; netexec, serve-hostname, porter and pause served by the daemon
//   */pause            a holder only
//   *coredns/coredns*  /coredns: the cluster DNS server, served by the daemon (the composition root starts it)
//   anything else      with a command: the host program; without: Kinet's responder on each containerPort
using System.Runtime.CompilerServices;

namespace Kinet.Controllers.Nodes.Plans;

public static class ImageProfiles
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static readonly IReadOnlyList<(string Image, string Runs)> Table =
    [
        ("nginx*", "the host's nginx as the official image runs it: `nginx -g \"daemon off;\"`, its nginx.conf and default.conf (port 80), welcome page, access/error log linked to stdout/stderr unless a volume is mounted at /var/log/nginx"),
        ("busybox*", "`sh` by default; every busybox applet (`sh`, `wget`, `nslookup`, `sleep`, `tail`, ...) is the host's busybox"),
        ("nicolaka/netshoot", "the host's network tools; `zsh` by default (`bash` when the host has no zsh), working directory /root"),
        ("*/agnhost*", "`/agnhost` runs `kinet agnhost`; netexec, serve-hostname, porter and pause are served by the daemon"),
        ("*/pause", "nothing but a holder process"),
        ("*coredns/coredns*", "`/coredns -conf FILE` is Kinet's cluster DNS server, run by the daemon with its sockets in the pod"),
        ("anything else", "with `command`: the host program as given; without: a responder on each declared containerPort"),
    ];

    private static readonly ConditionalWeakTable<IReadOnlyList<string>, ImageLayer> BusyboxLayers = new();

    public static ProfileKind Match(string image)
    {
        var repository = ContainerImages.Repository(ContainerImages.Normalize(image));
        var path = repository[(repository.IndexOf('/') + 1)..];
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last.StartsWith("nginx", StringComparison.Ordinal)) return ProfileKind.Nginx;
        if (last.StartsWith("busybox", StringComparison.Ordinal)) return ProfileKind.Busybox;
        if (path == "nicolaka/netshoot" || last == "netshoot") return ProfileKind.Netshoot;
        if (last.StartsWith("agnhost", StringComparison.Ordinal)) return ProfileKind.Agnhost;
        if (last == "pause") return ProfileKind.Pause;
        if (path.Contains("coredns/coredns", StringComparison.Ordinal)) return ProfileKind.CoreDns;
        return ProfileKind.Generic;
    }

    public static ImageProfile For(string image, PodPlanSettings settings)
    {
        var env = new[] { new EnvVar("PATH", DefaultPath) };
        return Match(image) switch
        {
            ProfileKind.Nginx => new(ProfileKind.Nginx, [], NginxImage.Cmd, env, "/", NginxImage.StopSignal, NginxImage.Layer),
            ProfileKind.Busybox => new(ProfileKind.Busybox, [], ["sh"], env, "/", "SIGTERM", BusyboxLayer(settings)),
            ProfileKind.Netshoot => new(ProfileKind.Netshoot, [], [settings.HostHasProgram("zsh") ? "zsh" : "bash"], env, "/root", "SIGTERM", ImageLayer.Empty),
            ProfileKind.Agnhost => new(ProfileKind.Agnhost, ["/agnhost"], ["pause"], env, "/", "SIGTERM", AgnhostLayer(settings.KinetExecutable)),
            ProfileKind.Pause => new(ProfileKind.Pause, ["/pause"], [], env, "/", "SIGTERM", ImageLayer.Empty),
            // The image's ENTRYPOINT is ["/coredns"] with no CMD (it reads ./Corefile without -conf).
            ProfileKind.CoreDns => new(ProfileKind.CoreDns, [CoreDnsProgram], [], env, "/", "SIGTERM", ImageLayer.Empty),
            _ => new(ProfileKind.Generic, [], [], env, "/", "SIGTERM", ImageLayer.Empty),
        };
    }

    /// <summary>
    /// Docker's ENTRYPOINT/CMD rule as the kubelet applies it: command replaces the entrypoint (and drops CMD), args
    /// replace CMD.
    /// </summary>
    public static IReadOnlyList<string> Argv(ImageProfile profile, IReadOnlyList<string> command, IReadOnlyList<string> args) =>
        command.Count > 0 ? [.. command, .. args]
        : args.Count > 0 ? [.. profile.Entrypoint, .. args]
        : [.. profile.Entrypoint, .. profile.Cmd];

    /// <summary>What the daemon serves instead of running argv, or null to run argv as given.</summary>
    public static BuiltinServer? Builtin(ImageProfile profile, IReadOnlyList<string> command, IReadOnlyList<string> argv,
        IReadOnlyList<ContainerPortPlan> ports, PodPlanSettings settings)
    {
        switch (profile.Kind)
        {
            case ProfileKind.Pause when command.Count == 0:
                return new BuiltinServer(BuiltinKind.Pause, "", [], ports);
            case ProfileKind.Agnhost when argv.Count >= 2 && argv[0] is "/agnhost" or "/agnhost-2" && settings.AgnhostServed.Contains(argv[1]):
                return argv[1] == "pause"
                    ? new BuiltinServer(BuiltinKind.Pause, "pause", argv.Skip(2).ToList(), ports)
                    : new BuiltinServer(BuiltinKind.Agnhost, argv[1], argv.Skip(2).ToList(), ports);
            case ProfileKind.Generic when command.Count == 0:
                // Kinet does not know the image's program: answer on the declared ports instead.
                return new BuiltinServer(BuiltinKind.Responder, "", argv, ports);
            default:
                return null;
        }
    }

    public const string CoreDnsProgram = "/coredns";

    /// <summary>
    /// The arguments of the CoreDNS program when the daemon serves this container as the cluster DNS server (the
    /// coredns image running /coredns), else null (a command such as `sh` runs the host's program). The plan's
    /// <see cref="ContainerPlan.Builtin"/> stays null for it: the Controllers layer has no DNS server kind, and the
    /// kernel data plane decides from this.
    /// </summary>
    public static IReadOnlyList<string>? CoreDnsArgs(ContainerPlan plan) =>
        plan.Profile.Kind == ProfileKind.CoreDns && plan.Argv.Count > 0 && plan.Argv[0] == CoreDnsProgram ? plan.Argv.Skip(1).ToList() : null;

    private static ImageLayer AgnhostLayer(string kinet)
    {
        var script = $"#!/bin/sh\nexec {ShellQuote(kinet)} agnhost \"$@\"\n";
        return new ImageLayer("agnhost:" + kinet,
        [
            PlannedFile.Text("/agnhost", script, FileModes.Mode0755),
            PlannedFile.Symlink("/agnhost-2", "agnhost"),
            PlannedFile.Directory("/uploads"),
        ]);
    }

    private static ImageLayer BusyboxLayer(PodPlanSettings settings)
    {
        // Built once per applet list: a thousand busybox pods share one layer (and one set of PlannedFile objects).
        var layer = BusyboxLayers.GetValue(settings.BusyboxApplets, _ => MakeBusyboxLayer(settings));
        return layer.Name == BusyboxLayerName(settings) ? layer : MakeBusyboxLayer(settings);
    }

    private static ImageLayer MakeBusyboxLayer(PodPlanSettings settings)
    {
        var files = new List<PlannedFile>();
        foreach (var dir in settings.BusyboxDirs)
        {
            foreach (var applet in settings.BusyboxApplets.Append("busybox").Distinct(StringComparer.Ordinal))
            {
                if (applet.Length == 0 || applet.Contains('/')) continue;
                var path = dir.TrimEnd('/') + "/" + applet;
                if (path != settings.BusyboxPath) files.Add(PlannedFile.Symlink(path, settings.BusyboxPath));
            }
        }
        return new ImageLayer(BusyboxLayerName(settings), files);
    }

    // Names the layer's content (the agent may cache built layers by name): busybox path, directories and a stable
    // FNV-1a hash of the applet list.
    private static string BusyboxLayerName(PodPlanSettings settings)
    {
        var hash = 2166136261u;
        foreach (var ch in string.Join('\n', settings.BusyboxApplets)) hash = (hash ^ ch) * 16777619u;
        return $"busybox:{settings.BusyboxPath}:{string.Join(',', settings.BusyboxDirs)}:{hash:x8}";
    }

    private static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
