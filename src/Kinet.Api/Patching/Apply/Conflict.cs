// One field another manager owns with a different value (upstream merge.Conflict).
namespace Kinet.Api.Patching.Apply;

public sealed record Conflict(ManagerKey Manager, PathElement[] Path)
{
    /// <summary>How upstream names the owner: `"m"` for an applier, `"m" using v1` for an updater, `"m" with subresource "scale" using apps/v1`.</summary>
    public string ManagerText
    {
        get
        {
            var s = JsonValues.GoQuote(Manager.Manager);
            if (Manager.Subresource is { } sub) s += $" with subresource {JsonValues.GoQuote(sub)}";
            // Upstream prints the time only when it is part of the identifier, which it never is for stored entries.
            return Manager.IsApply ? s : $"{s} using {Manager.ApiVersion}";
        }
    }

    public string Field => PathElement.Format(Path);
}
