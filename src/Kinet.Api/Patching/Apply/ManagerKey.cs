// Who owns a field set: upstream's "manager identifier". Apply entries are one per (manager, subresource) whatever the
// apiVersion; Update entries are one per (manager, apiVersion, subresource).
using System.Text;

namespace Kinet.Api.Patching.Apply;

public sealed record ManagerKey(string Manager, string Operation, string? ApiVersion, string? Subresource)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public static ManagerKey ForApply(string manager, string? subresource) => new(manager, Apply, null, NullIfEmpty(subresource));

    public static ManagerKey ForUpdate(string manager, string apiVersion, string? subresource) => new(manager, Update, apiVersion, NullIfEmpty(subresource));

    public bool IsApply => Operation == Apply;

    /// <summary>Upstream's identifier string (the entry's JSON without fields and time); sorting by it orders conflict messages.</summary>
    public string Identifier
    {
        get
        {
            var b = new StringBuilder("{\"manager\":");
            GoJson.WriteString(b, Manager);
            b.Append(",\"operation\":");
            GoJson.WriteString(b, Operation);
            if (!string.IsNullOrEmpty(ApiVersion))
            {
                b.Append(",\"apiVersion\":");
                GoJson.WriteString(b, ApiVersion);
            }
            if (!string.IsNullOrEmpty(Subresource))
            {
                b.Append(",\"subresource\":");
                GoJson.WriteString(b, Subresource);
            }
            return b.Append('}').ToString();
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
