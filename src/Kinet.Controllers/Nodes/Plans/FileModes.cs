// Unix permission bits the kubelet and images use, named by their octal spelling (C# has no octal literals).
namespace Kinet.Controllers.Nodes.Plans;

public static class FileModes
{
    public const int Mode0644 = 420;
    public const int Mode0755 = 493;
    public const int Mode0777 = 511;

    /// <summary>The API's default for configMap, secret, downwardAPI and projected volumes.</summary>
    public const int VolumeDefault = Mode0644;
}
