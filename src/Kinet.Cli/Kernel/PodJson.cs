// Reading a pod object's fields in the kernel data plane (the model's one JSON path reader, "" for absent).
using System.Text.Json.Nodes;

namespace Kinet.Cli.Kernel;

internal static class PodJson
{
    public static string Str(JsonNode? node) => Kinet.Model.JsonRead.Str(node) ?? "";
}
