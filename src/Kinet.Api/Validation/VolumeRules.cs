// Pod volumes: unique DNS-label names, exactly one source, and the per-source required fields and modes.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal static class VolumeRules
{
    private const string FileModeErrorMsg = "must be a number between 0 and 0777 (octal), both inclusive";

    /// <summary>Volume sources in the order upstream checks them (the first one present wins; later ones are "more than 1").</summary>
    private static readonly string[] Sources =
    [
        "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs", "flocker",
        "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile",
        "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO", "csi", "ephemeral", "image",
    ];

    private static readonly string[] HostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    /// <summary>Validates spec.volumes and returns the names of the valid ones (what volumeMounts may refer to).</summary>
    public static HashSet<string> ValidateVolumes(ErrorList errs, JsonArray? volumes, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, v) in volumes.Objects())
        {
            var p = $"{path}[{i}]";
            var el = new ErrorList();
            ValidateSource(el, v, p);
            var name = v.S("name");
            if (name.Length == 0) el.Required(p + ".name");
            else el.InvalidEach(p + ".name", name, NameFormats.IsDns1123Label(name));
            if (names.Contains(name)) el.Duplicate(p + ".name", name);
            if (el.Count == 0) names.Add(name);
            else errs.AddRange(el);
        }
        return names;
    }

    private static void ValidateSource(ErrorList errs, JsonObject v, string path)
    {
        var count = 0;
        foreach (var src in Sources)
        {
            if (!v.Has(src)) continue;
            if (count++ > 0)
            {
                // Upstream spells two of these paths its own way.
                var name = src switch { "downwardAPI" => "downwarAPI", "cephfs" => "cephFS", _ => src };
                errs.Forbidden($"{path}.{name}", "may not specify more than 1 volume type");
                continue;
            }
            var s = v.Obj(src);
            var p = $"{path}.{src}";
            switch (src)
            {
                case "hostPath":
                    if (s.S("path").Length == 0)
                    {
                        errs.Required(p + ".path");
                        break;
                    }
                    ValidatePathNoBacksteps(errs, s.S("path"), p + ".path");
                    if (s.Str("type") is { } t && !HostPathTypes.Contains(t)) errs.NotSupported(p + ".type", t, HostPathTypes);
                    break;
                case "secret":
                    if (s.S("secretName").Length == 0) errs.Required(p + ".secretName");
                    ValidateMode(errs, s, "defaultMode", p);
                    ValidateItems(errs, s.Arr("items"), p + ".items");
                    break;
                case "configMap":
                    if (s.S("name").Length == 0) errs.Required(p + ".name");
                    ValidateMode(errs, s, "defaultMode", p);
                    ValidateItems(errs, s.Arr("items"), p + ".items");
                    break;
                case "persistentVolumeClaim":
                    if (s.S("claimName").Length == 0) errs.Required(p + ".claimName");
                    break;
                case "nfs":
                    if (s.S("server").Length == 0) errs.Required(p + ".server");
                    if (s.S("path").Length == 0) errs.Required(p + ".path");
                    else if (!s.S("path").StartsWith('/')) errs.Invalid(p + ".path", s.S("path"), "must be an absolute path");
                    break;
                case "downwardAPI":
                    ValidateMode(errs, s, "defaultMode", p);
                    foreach (var (i, item) in s.Arr("items").Objects())
                    {
                        var ip = $"{p}.items[{i}]";
                        if (item.S("path").Length == 0) errs.Required(ip + ".path");
                        ValidateLocalNonReservedPath(errs, item.S("path"), ip + ".path");
                        ValidateMode(errs, item, "mode", ip);
                    }
                    break;
                case "projected":
                    ValidateMode(errs, s, "defaultMode", p);
                    foreach (var (i, proj) in s.Arr("sources").Objects())
                    {
                        var pp = $"{p}.sources[{i}]";
                        if (proj.Obj("secret") is { } ps) ValidateItems(errs, ps.Arr("items"), pp + ".secret.items");
                        if (proj.Obj("configMap") is { } pc) ValidateItems(errs, pc.Arr("items"), pp + ".configMap.items");
                        if (proj.Obj("serviceAccountToken") is { } sat && sat.S("path").Length == 0) errs.Required(pp + ".serviceAccountToken.path");
                    }
                    break;
            }
        }
        if (count == 0) errs.Required(path, "must specify a volume type");
    }

    private static void ValidateMode(ErrorList errs, JsonObject? owner, string key, string path)
    {
        if (owner.Int(key) is { } mode && mode is < 0 or > 511) errs.Invalid($"{path}.{key}", mode, FileModeErrorMsg);
    }

    private static void ValidateItems(ErrorList errs, JsonArray? items, string path)
    {
        foreach (var (i, kp) in items.Objects())
        {
            var p = $"{path}[{i}]";
            if (kp.S("key").Length == 0) errs.Required(p + ".key");
            if (kp.S("path").Length == 0) errs.Required(p + ".path");
            ValidateLocalNonReservedPath(errs, kp.S("path"), p + ".path");
            ValidateMode(errs, kp, "mode", p);
        }
    }

    public static void ValidateLocalDescendingPath(ErrorList errs, string target, string path)
    {
        if (target.StartsWith('/')) errs.Invalid(path, target, "must be a relative path");
        ValidatePathNoBacksteps(errs, target, path);
    }

    private static void ValidateLocalNonReservedPath(ErrorList errs, string target, string path)
    {
        ValidateLocalDescendingPath(errs, target, path);
        if (target.StartsWith("..", StringComparison.Ordinal) && !target.StartsWith("../", StringComparison.Ordinal))
            errs.Invalid(path, target, "must not start with '..'");
    }

    private static void ValidatePathNoBacksteps(ErrorList errs, string target, string path)
    {
        if (target.Split('/').Contains("..")) errs.Invalid(path, target, "must not contain '..'");
    }
}
