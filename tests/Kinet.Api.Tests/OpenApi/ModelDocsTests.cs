// Schema descriptions come from the client library's XML documentation when it is deployed, and are simply absent otherwise.
using k8s.Models;
using Kinet.Api.OpenApi;

namespace Kinet.Api.Tests.OpenApi;

public sealed class ModelDocsTests : IDisposable
{
    private readonly string _xml = Path.Combine(Path.GetTempPath(), $"kinet-modeldocs-{Guid.NewGuid():N}.xml");

    public void Dispose() => File.Delete(_xml);

    [Fact]
    public void Summaries_become_single_line_descriptions_of_types_and_properties()
    {
        File.WriteAllText(_xml, """
            <?xml version="1.0"?>
            <doc><members>
              <member name="T:k8s.Models.V1DeploymentSpec"><summary>
                DeploymentSpec is the specification
                of the desired behavior.
              </summary></member>
              <member name="P:k8s.Models.V1DeploymentSpec.Replicas"><summary>Number of desired pods.</summary></member>
            </members></doc>
            """);
        var docs = ModelDocs.Load(_xml);
        Assert.Equal("DeploymentSpec is the specification of the desired behavior.", docs.Type(typeof(V1DeploymentSpec)));
        Assert.Equal("Number of desired pods.", docs.Property(typeof(V1DeploymentSpec), "Replicas"));
        Assert.Null(docs.Property(typeof(V1DeploymentSpec), "Paused"));
    }

    [Fact]
    public void A_missing_or_damaged_file_gives_no_descriptions()
    {
        Assert.Null(ModelDocs.Load(_xml).Type(typeof(V1Pod)));
        File.WriteAllText(_xml, "<doc><members><member name=");
        Assert.Null(ModelDocs.Load(_xml).Type(typeof(V1Pod)));
    }
}
