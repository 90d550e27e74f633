// A range of ports as apimachinery's net.PortRange: "30000-32767", "30000+2768" or a single "30000".
using System.Globalization;

namespace Kinet.Model.Networking;

public readonly record struct PortRange(int Base, int Size)
{
    public static PortRange NodePortDefault { get; } = new(30000, 2768);

    public int Last => Base + Size - 1;

    public bool Contains(int port) => port >= Base && port < Base + Size;

    public static PortRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"unable to parse port range: {text}");

    public static bool TryParse(string? text, out PortRange range)
    {
        range = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return false;
        var dash = text.IndexOf('-');
        var plus = text.IndexOf('+');
        if (dash >= 0 && plus >= 0) return false;
        if (dash < 0 && plus < 0)
        {
            if (!TryPort(text, out var single)) return false;
            range = new PortRange(single, 1);
            return true;
        }
        var sep = Math.Max(dash, plus);
        if (!TryPort(text[..sep], out var low)) return false;
        if (dash >= 0)
        {
            if (!TryPort(text[(sep + 1)..], out var high) || high < low) return false;
            range = new PortRange(low, high - low + 1);
        }
        else
        {
            if (!TryPort(text[(sep + 1)..], out var extra) || low + extra > 65535) return false;
            range = new PortRange(low, extra + 1);
        }
        return true;
    }

    private static bool TryPort(string s, out int port) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    /// <summary>"30000-32767", as net.PortRange.String() (empty for an empty range).</summary>
    public override string ToString() =>
        Size == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{Base}-{Last}");
}
