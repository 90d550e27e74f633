// Names for generateName objects as kube-apiserver makes them: the prefix plus five characters from
// apimachinery's alphabet (no vowels, no look-alikes). Injectable so tests get predictable names.
namespace Kinet.Model.Endpoints;

public static class SliceNameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A generator: prefix → prefix + 5 random characters (names.SimpleNameGenerator).</summary>
    public static Func<string, string> Random { get; } = prefix =>
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = Alphabet[System.Random.Shared.Next(Alphabet.Length)];
        return prefix + new string(suffix);
    };

    /// <summary>generateName for a Service's slices: "&lt;svc&gt;-", or the bare name if that would not be a valid DNS subdomain prefix.</summary>
    public static string PrefixFor(string serviceName)
    {
        var prefix = serviceName + "-";
        // NameIsDNSSubdomain(prefix, true) masks the trailing dash, so only the 253-character limit can fail here.
        return prefix.Length > 253 ? serviceName : prefix;
    }
}
