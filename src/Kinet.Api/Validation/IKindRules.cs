// The validation of one kind: what its REST strategy's Validate / ValidateUpdate check upstream.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal interface IKindRules
{
    void Create(ErrorList errs, JsonObject obj, bool namespaced);

    void Update(ErrorList errs, JsonObject newObj, JsonObject oldObj, bool namespaced);
}
