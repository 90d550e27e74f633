// The lexer/parser behind LabelSelector.Parse, following apimachinery's labels/selector.go grammar.
namespace Kinet.Model.Selectors;

internal sealed class SelectorParser(string text)
{
    private int _pos;

    public IReadOnlyList<Requirement> ParseAll()
    {
        var reqs = new List<Requirement>();
        while (true)
        {
            SkipSpace();
            if (_pos >= text.Length) break;
            reqs.Add(ParseRequirement());
            SkipSpace();
            if (_pos >= text.Length) break;
            if (text[_pos] != ',') throw Error($"found '{Rest()}', expected: ',' or 'end of string'");
            _pos++;
            SkipSpace();
            if (_pos >= text.Length) throw Error("found '', expected: identifier");
        }
        return reqs.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
    }

    private Requirement ParseRequirement()
    {
        SkipSpace();
        if (Peek() == '!')
        {
            _pos++;
            SkipSpace();
            var k = Identifier();
            ValidateKey(k);
            return new Requirement(k, SelectorOperator.DoesNotExist, []);
        }
        var key = Identifier();
        ValidateKey(key);
        SkipSpace();
        if (_pos >= text.Length || text[_pos] == ',') return new Requirement(key, SelectorOperator.Exists, []);
        SelectorOperator op;
        if (Match("==")) op = SelectorOperator.Equals;
        else if (Match("!=")) op = SelectorOperator.NotEquals;
        else if (Match("=")) op = SelectorOperator.Equals;
        else if (Match(">")) op = SelectorOperator.GreaterThan;
        else if (Match("<")) op = SelectorOperator.LessThan;
        else if (MatchWord("notin")) op = SelectorOperator.NotIn;
        else if (MatchWord("in")) op = SelectorOperator.In;
        else throw Error($"found '{Rest()}', expected: in, notin, =, ==, !=, gt, lt");

        SkipSpace();
        if (op is SelectorOperator.In or SelectorOperator.NotIn)
        {
            if (Peek() != '(') throw Error($"found '{Rest()}', expected: '('");
            _pos++;
            var values = new List<string>();
            while (true)
            {
                SkipSpace();
                var v = Value();
                ValidateValue(v);
                values.Add(v);
                SkipSpace();
                if (Peek() == ',') { _pos++; continue; }
                if (Peek() == ')') { _pos++; break; }
                throw Error($"found '{Rest()}', expected: ',', ')' or identifier");
            }
            return new Requirement(key, op, values.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToArray());
        }
        var value = Value();
        if (op is SelectorOperator.GreaterThan or SelectorOperator.LessThan)
        {
            if (!long.TryParse(value, out _))
                throw Error($"for 'Gt', 'Lt' operators, the value must be an integer");
        }
        else ValidateValue(value);
        return new Requirement(key, op, [value]);
    }

    private string Identifier()
    {
        var start = _pos;
        while (_pos < text.Length && !IsSpecial(text[_pos])) _pos++;
        if (_pos == start) throw Error($"found '{Rest()}', expected: identifier");
        return text[start.._pos];
    }

    private string Value()
    {
        var start = _pos;
        while (_pos < text.Length && !IsSpecial(text[_pos])) _pos++;
        return text[start.._pos];
    }

    private static bool IsSpecial(char c) => char.IsWhiteSpace(c) || c is ',' or '=' or '!' or '(' or ')' or '<' or '>';

    private bool Match(string s)
    {
        if (string.CompareOrdinal(text, _pos, s, 0, s.Length) != 0) return false;
        _pos += s.Length;
        return true;
    }

    private bool MatchWord(string w)
    {
        if (string.CompareOrdinal(text, _pos, w, 0, w.Length) != 0) return false;
        var end = _pos + w.Length;
        if (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '(') return false;
        _pos = end;
        return true;
    }

    private char Peek() => _pos < text.Length ? text[_pos] : '\0';
    private string Rest() => _pos < text.Length ? text[_pos..] : "";
    private void SkipSpace() { while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++; }

    private FormatException Error(string message) => new($"unable to parse requirement: {message}");

    private static void ValidateKey(string key)
    {
        var err = LabelSyntax.ValidateKey(key);
        if (err is not null) throw new FormatException($"unable to parse requirement: values[0][{key}]: Invalid value: \"{key}\": {err}");
    }

    private static void ValidateValue(string value)
    {
        var err = LabelSyntax.ValidateValue(value);
        if (err is not null) throw new FormatException($"unable to parse requirement: values[0][{value}]: Invalid value: \"{value}\": {err}");
    }
}
