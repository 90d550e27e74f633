// ConfigMaps and Secrets: key format, 1 MiB total, the `immutable` flag, and the typed-secret required keys.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class ConfigDataRules(bool isSecret) : IKindRules
{
    private const int MaxSize = 1024 * 1024;
    private const string ImmutableMsg = "field is immutable when `immutable` is set";

    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced, ObjectMetaRules.DnsSubdomain);
        if (isSecret) ValidateSecret(errs, obj);
        else ValidateConfigMap(errs, obj);
    }

    private static void ValidateConfigMap(ErrorList errs, JsonObject obj)
    {
        var data = obj.Obj("data");
        var binary = obj.Obj("binaryData");
        long total = 0;
        foreach (var (k, v) in data ?? [])
        {
            errs.InvalidEach($"data[{k}]", k, NameFormats.IsConfigMapKey(k));
            if (binary is not null && binary.ContainsKey(k)) errs.Invalid($"data[{k}]", k, "duplicate of key present in binaryData");
            total += System.Text.Encoding.UTF8.GetByteCount(JsonRead.AsString(v) ?? "");
        }
        foreach (var (k, v) in binary ?? [])
        {
            errs.InvalidEach($"binaryData[{k}]", k, NameFormats.IsConfigMapKey(k));
            total += DecodedLength(v);
        }
        if (total > MaxSize) errs.TooLong("", MaxSize);
    }

    private static void ValidateSecret(ErrorList errs, JsonObject obj)
    {
        var data = obj.Obj("data");
        long total = 0;
        foreach (var (k, v) in data ?? [])
        {
            errs.InvalidEach($"data[{k}]", k, NameFormats.IsConfigMapKey(k));
            total += DecodedLength(v);
        }
        if (total > MaxSize) errs.TooLong("data", MaxSize);

        bool Has(string key) => data is not null && data.ContainsKey(key);
        switch (obj.S("type"))
        {
            case "kubernetes.io/service-account-token":
                if (obj.Obj("metadata").Obj("annotations").S("kubernetes.io/service-account.name").Length == 0)
                    errs.Required("metadata.annotations[kubernetes.io/service-account.name]");
                break;
            case "kubernetes.io/dockercfg":
                if (!Has(".dockercfg")) errs.Required("data[.dockercfg]");
                break;
            case "kubernetes.io/dockerconfigjson":
                if (!Has(".dockerconfigjson")) errs.Required("data[.dockerconfigjson]");
                break;
            case "kubernetes.io/basic-auth":
                if (!Has("username") && !Has("password"))
                {
                    errs.Required("data[username]");
                    errs.Required("data[password]");
                }
                break;
            case "kubernetes.io/ssh-auth":
                if (DecodedLength(data?["ssh-privatekey"]) == 0) errs.Required("data[ssh-privatekey]");
                break;
            case "kubernetes.io/tls":
                if (!Has("tls.crt")) errs.Required("data[tls.crt]");
                if (!Has("tls.key")) errs.Required("data[tls.key]");
                break;
        }
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced)
    {
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        if (isSecret && newObj.S("type") != oldObj.S("type")) errs.Invalid("type", newObj.S("type"), "field is immutable");
        if (oldObj.Bool("immutable") == true)
        {
            if (newObj.Bool("immutable") != true) errs.Forbidden("immutable", ImmutableMsg);
            if (!JsonRead.Same(newObj["data"], oldObj["data"])) errs.Forbidden("data", ImmutableMsg);
            if (!isSecret && !JsonRead.Same(newObj["binaryData"], oldObj["binaryData"])) errs.Forbidden("binaryData", ImmutableMsg);
        }
        Create(errs, newObj, namespaced);
    }

    /// <summary>Bytes a base64 value decodes to (its length when it is not valid base64: the decoder rejects those, not us).</summary>
    private static long DecodedLength(JsonNode? v)
    {
        var s = JsonRead.AsString(v) ?? "";
        if (s.Length == 0) return 0;
        var pad = s.EndsWith("==", StringComparison.Ordinal) ? 2 : s.EndsWith('=') ? 1 : 0;
        return s.Length % 4 == 0 ? s.Length / 4 * 3 - pad : s.Length;
    }
}
