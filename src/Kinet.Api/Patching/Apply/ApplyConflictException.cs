// Raised inside the updater when fields conflict; turned into the 409 Status kube-apiserver sends (NewConflictError).
using System.Text.Json.Nodes;
using Kinet.Api.Errors;

namespace Kinet.Api.Patching.Apply;

internal sealed class ApplyConflictException(IReadOnlyList<Conflict> conflicts) : Exception("apply conflicts")
{
    public IReadOnlyList<Conflict> Conflicts { get; } = conflicts;

    public ApiException ToApiException()
    {
        var causes = new JsonArray();
        foreach (var c in Conflicts)
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with {c.ManagerText}", ["field"] = c.Field });
        return new ApiException(409, "Conflict", FormatMessage(Conflicts), new JsonObject { ["causes"] = causes });
    }

    /// <summary>"Apply failed with 1 conflict: conflict with "m" using v1: .spec.x", or the multi-line form grouped by manager.</summary>
    public static string FormatMessage(IReadOnlyList<Conflict> conflicts)
    {
        if (conflicts.Count == 1)
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].ManagerText}: {conflicts[0].Field}";
        var lines = new List<string>();
        foreach (var group in conflicts.GroupBy(c => c.Manager).OrderBy(g => g.Key.Identifier, StringComparer.Ordinal))
        {
            lines.Add($"conflicts with {group.First().ManagerText}:");
            lines.AddRange(group.Select(c => "- " + c.Field));
        }
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}
