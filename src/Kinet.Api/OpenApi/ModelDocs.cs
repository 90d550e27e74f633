// Descriptions for the generated schemas, read from KubernetesClient.xml (the client's XML documentation, which carries the
// Kubernetes API field docs) when it sits next to KubernetesClient.dll. Without it the schemas simply have no descriptions.
using System.Xml.Linq;

namespace Kinet.Api.OpenApi;

internal sealed class ModelDocs
{
    private readonly Dictionary<string, string> _summaries;

    private ModelDocs(Dictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>The documentation beside the assembly of <paramref name="anyModel"/>, or none.</summary>
    public static ModelDocs Load(Type anyModel) =>
        anyModel.Assembly.Location.Length == 0 ? new([]) : Load(Path.ChangeExtension(anyModel.Assembly.Location, ".xml"));

    public static ModelDocs Load(string xml)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(xml)) return new(summaries);
        try
        {
            foreach (var member in XDocument.Load(xml).Descendants("member"))
            {
                if (member.Attribute("name")?.Value is not { } name || member.Element("summary") is not { } summary) continue;
                var lines = summary.Value.Split('\n').Select(l => l.Trim());
                var text = string.Join(" ", lines.Where(l => l.Length > 0));
                if (text.Length > 0) summaries[name] = text;
            }
        }
        catch (System.Xml.XmlException)
        {
            // A damaged documentation file only costs the descriptions.
        }
        return new(summaries);
    }

    public string? Type(Type t) => _summaries.GetValueOrDefault("T:" + t.FullName);

    public string? Property(Type t, string propertyName) => _summaries.GetValueOrDefault($"P:{t.FullName}.{propertyName}");
}
