// A readable dump of a pod plan (the golden files of the planner's tests, and what a person debugging a pod wants to
// see): files with contents, volumes, and each container's argv, environment, mounts, ports and builtin server.
using System.Text;

namespace Kinet.Controllers.Nodes.Plans;

public static class PlanText
{
    public static string Render(PodPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append("hostname ").Append(plan.Hostname).Append(plan.Fqdn is { } f ? " fqdn " + f : "").Append('\n');
        foreach (var file in plan.Files) File(sb, file, "");
        foreach (var v in plan.Volumes) Volume(sb, v);
        foreach (var (kind, list) in new[] { ("init", plan.InitContainers), ("container", plan.Containers), ("ephemeral", plan.EphemeralContainers) })
        {
            foreach (var c in list) Container(sb, kind, c);
        }
        foreach (var w in plan.Warnings) sb.Append("warning ").Append(w.Reason).Append(": ").Append(w.Message).Append('\n');
        return sb.ToString();
    }

    private static void Volume(StringBuilder sb, VolumePlan v)
    {
        switch (v)
        {
            case EmptyDirVolume e:
                sb.Append($"volume {e.Name} emptyDir medium={e.Medium} sizeLimit={e.SizeLimit}\n");
                break;
            case HostPathVolume h:
                sb.Append($"volume {h.Name} hostPath {h.Path} type={h.Type}\n");
                break;
            case ClaimVolume c:
                sb.Append($"volume {c.Name} persistentVolumeClaim {c.ClaimName} readOnly={c.ReadOnly}\n");
                break;
            case FileSetVolume s:
                sb.Append($"volume {s.Name} {s.Source}\n");
                foreach (var p in s.Files) File(sb, new PlannedFile(p.Path, PlannedFileKind.File, p.Content, p.Mode), "  ");
                break;
        }
    }

    private static void Container(StringBuilder sb, string kind, ContainerPlanResult result)
    {
        if (result.Plan is not { } c)
        {
            sb.Append($"{kind} {result.Name} error {result.Error!.Reason}: {result.Error.Message}\n");
            return;
        }
        sb.Append($"{kind} {c.Name} image={c.Image} profile={c.Profile.Kind} layer={c.Layer.Name} stop={c.StopSignal}\n");
        sb.Append("  argv ").Append(string.Join(' ', c.Argv.Select(Quote))).Append('\n');
        sb.Append("  workdir ").Append(c.WorkingDir).Append('\n');
        if (c.Stdin || c.Tty) sb.Append($"  stdin={c.Stdin} stdinOnce={c.StdinOnce} tty={c.Tty}\n");
        if (c.RestartPolicy is { } rp) sb.Append("  restartPolicy ").Append(rp).Append('\n');
        foreach (var e in c.Env) sb.Append("  env ").Append(e).Append('\n');
        foreach (var m in c.Mounts)
        {
            sb.Append($"  mount {m.VolumeName}{(m.SubPath.Length > 0 ? "/" + m.SubPath : "")} at {m.MountPath} {(m.ReadOnly ? "ro" : "rw")}\n");
        }
        if (c.Layer.Files.Count > 0) sb.Append("  image files ").Append(string.Join(' ', c.VisibleLayerFiles.Select(f => f.Path))).Append('\n');
        foreach (var p in c.Ports) sb.Append($"  port {p.Port}/{p.Protocol}{(p.Name is { } n ? " " + n : "")}\n");
        if (c.Builtin is { } b)
        {
            sb.Append($"  builtin {b.Kind} {b.Subcommand} {string.Join(' ', b.Args.Select(Quote))}".TrimEnd()).Append('\n');
        }
    }

    private static void File(StringBuilder sb, PlannedFile f, string indent)
    {
        if (f.Kind == PlannedFileKind.Symlink) { sb.Append($"{indent}link {f.Path} -> {f.Target}\n"); return; }
        if (f.Kind == PlannedFileKind.Directory) { sb.Append($"{indent}dir {f.Path}\n"); return; }
        sb.Append($"{indent}file {f.Path} {Convert.ToString(f.Mode, 8)}\n");
        var text = f.ContentText;
        foreach (var line in (text.EndsWith('\n') ? text[..^1] : text).Split('\n')) sb.Append(indent).Append("  | ").Append(line).Append('\n');
        if (!text.EndsWith('\n') && text.Length > 0) sb.Append(indent).Append("  (no final newline)\n");
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(ch => char.IsLetterOrDigit(ch) || "-_./=:,@%+".Contains(ch)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
