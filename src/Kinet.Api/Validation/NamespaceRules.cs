// Namespaces: a DNS-label name, cluster-scoped, and finalizer names in spec.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal sealed class NamespaceRules : IKindRules
{
    public void Create(ErrorList errs, JsonObject obj, bool namespaced)
    {
        ObjectMetaRules.ValidateCreate(errs, obj, namespaced: false, ObjectMetaRules.DnsLabel);
        foreach (var (_, f) in obj.Obj("spec").Arr("finalizers").Strings())
        {
            errs.InvalidEach("spec.finalizers", f, NameFormats.IsQualifiedName(f));
            if (!f.Contains('/', StringComparison.Ordinal) && f is not ("kubernetes" or "orphan" or "foregroundDeletion"))
                errs.Invalid("spec.finalizers", f, "name is neither a standard finalizer name nor is it fully qualified");
        }
    }

    public void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced) =>
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
}
