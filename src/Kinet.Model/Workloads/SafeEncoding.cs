// apimachinery's util/rand alphabet: no vowels (no accidental words) and no look-alikes (0/o, 1/l), used for
// pod-template-hash values and for generateName suffixes.
namespace Kinet.Model.Workloads;

public static class SafeEncoding
{
    public const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Maps every character to the alphabet by its code modulo 27, as rand.SafeEncodeString does.</summary>
    public static string Encode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = Alphabet[s[i] % Alphabet.Length];
        return new string(chars);
    }

    /// <summary>n random characters of the alphabet, as rand.String(n) does for generateName.</summary>
    public static string RandomString(Random random, int n)
    {
        var chars = new char[n];
        for (var i = 0; i < n; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }
}
