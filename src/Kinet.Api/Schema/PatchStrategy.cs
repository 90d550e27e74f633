// Strategic merge patch strategy of a field (the Go struct tag patchStrategy).
namespace Kinet.Api.Schema;

[Flags]
public enum PatchStrategy
{
    /// <summary>No tag: lists are replaced whole, maps and structs merged.</summary>
    None = 0,
    /// <summary>"merge": lists merged (by merge key for objects, by value for scalars).</summary>
    Merge = 1,
    /// <summary>"replace".</summary>
    Replace = 2,
    /// <summary>"retainKeys": fields absent from the patch's $retainKeys are cleared (union types such as strategy, volume sources).</summary>
    RetainKeys = 4,
}
