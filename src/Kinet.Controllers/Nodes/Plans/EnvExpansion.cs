// Kubernetes' $(VAR) expansion (third_party/forked/golang/expansion): $(NAME) is replaced by the variable's value,
// $$ is a literal $, an unknown or unterminated reference stays as written.
namespace Kinet.Controllers.Nodes.Plans;

public static class EnvExpansion
{
    /// <summary>The kubelet's MappingFuncFor: the first map that has the name wins; otherwise the reference itself.</summary>
    public static Func<string, string> MappingFor(params IReadOnlyDictionary<string, string>[] maps) => name =>
    {
        foreach (var m in maps)
        {
            if (m.TryGetValue(name, out var v)) return v;
        }
        return "$(" + name + ")";
    };

    public static string Expand(string input, Func<string, string> mapping)
    {
        if (!input.Contains('$')) return input;
        var sb = new System.Text.StringBuilder(input.Length);
        var checkpoint = 0;
        for (var cursor = 0; cursor < input.Length; cursor++)
        {
            if (input[cursor] != '$' || cursor + 1 >= input.Length) continue;
            sb.Append(input, checkpoint, cursor - checkpoint);
            var (read, isVar, advance) = ReadVariableName(input, cursor + 1);
            sb.Append(isVar ? mapping(read) : read);
            cursor += advance;
            checkpoint = cursor + 1;
        }
        return sb.Append(input, checkpoint, input.Length - checkpoint).ToString();
    }

    // The text after a '$': "$" (escape), "(name)" (a reference) or anything else (kept with its '$').
    private static (string Read, bool IsVar, int Advance) ReadVariableName(string input, int start)
    {
        switch (input[start])
        {
            case '$':
                return ("$", false, 1);
            case '(':
                var close = input.IndexOf(')', start + 1);
                return close < 0 ? ("$(", false, 1) : (input[(start + 1)..close], true, close - start + 1);
            default:
                return ("$" + input[start], false, 1);
        }
    }
}
