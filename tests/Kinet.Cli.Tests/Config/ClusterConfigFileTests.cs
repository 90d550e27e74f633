using Kinet.Cli.Config;

namespace Kinet.Cli.Tests.Config;

public class ClusterConfigFileTests
{
    [Fact]
    public void A_kind_cluster_config_is_accepted()
    {
        ClusterConfigFile.Validate("""
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            nodes:
            - role: control-plane
            - role: worker
            """, "c.yaml");
    }

    [Theory]
    [InlineData("kind: Pod\napiVersion: kind.x-k8s.io/v1alpha4\n", "kind is \"Pod\", expected Cluster")]
    [InlineData("apiVersion: kind.x-k8s.io/v1alpha4\n", "kind is missing, expected Cluster")]
    [InlineData("kind: Cluster\napiVersion: v1\n", "apiVersion is \"v1\", expected kind.x-k8s.io/v1alpha4")]
    [InlineData("kind: Cluster\n  apiVersion: [\n", "is not valid YAML")]
    [InlineData("- a\n- b\n", "must be one YAML document")]
    [InlineData("", "must be one YAML document")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        var e = Assert.Throws<CliException>(() => ClusterConfigFile.Validate(text, "c.yaml"));
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_readable_error()
    {
        var e = Assert.Throws<CliException>(() => ClusterConfigFile.ReadAndValidate("/nonexistent/kind.yaml", "kinet"));
        Assert.StartsWith("cannot read cluster config /nonexistent/kind.yaml", e.Message);
    }

    [Fact]
    public void A_bad_node_role_is_refused_with_one_line_naming_the_field()
    {
        var e = Assert.Throws<CliException>(() => ClusterConfigFile.Validate(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: master\n", "c.yaml"));
        Assert.Contains("cluster config c.yaml:", e.Message);
        Assert.Contains("nodes[0].role", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_kind_field_without_meaning_here_is_a_warning_not_silence()
    {
        var warnings = ClusterConfigFile.Validate(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraMounts:\n  - hostPath: /tmp\n    containerPath: /x\n", "c.yaml");
        Assert.Contains(warnings, w => w.Contains("nodes[0].extraMounts", StringComparison.Ordinal));
    }
}
