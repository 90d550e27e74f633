using k8s;
using k8s.KubeConfigModels;
using Kinet.Cli.Kubeconfig;
using Kinet.Cli.Security;

namespace Kinet.Cli.Tests.Kubeconfig;

public class KubeconfigDocumentTests
{
    private const string Existing = """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            server: https://prod.example:6443
            insecure-skip-tls-verify: true
          name: prod
        contexts:
        - context:
            cluster: prod
            user: prod-admin
            namespace: "007"
          name: prod
        current-context: prod
        preferences:
          colors: true
        users:
        - name: prod-admin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: get-token
              args: ["--cluster", "prod"]
        x-unknown-field: kept
        """;

    private static readonly KubeconfigEntry Entry = new("kinet-dev", "https://127.0.0.1:6444", "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n", "tok3n");

    [Fact]
    public void Merging_adds_the_cluster_and_makes_it_current_while_keeping_everything_else()
    {
        var doc = KubeconfigDocument.Parse(Existing);
        doc.Upsert(Entry);
        var text = doc.ToString();

        var config = KubernetesYaml.Deserialize<K8SConfiguration>(text);
        Assert.Equal("kinet-dev", config.CurrentContext);
        Assert.Equal(["prod", "kinet-dev"], config.Clusters.Select(c => c.Name));
        Assert.Equal(["prod-admin", "kinet-dev"], config.Users.Select(c => c.Name));
        Assert.Equal(["prod", "kinet-dev"], config.Contexts.Select(c => c.Name));
        var ours = config.Clusters.Single(c => c.Name == "kinet-dev").ClusterEndpoint;
        Assert.Equal("https://127.0.0.1:6444", ours.Server);
        Assert.Equal(Entry.CertificateAuthorityPem, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(ours.CertificateAuthorityData)));
        Assert.Equal("tok3n", config.Users.Single(u => u.Name == "kinet-dev").UserCredentials.Token);
        Assert.Equal("get-token", config.Users.Single(u => u.Name == "prod-admin").UserCredentials.ExternalExecution.Command);
        Assert.Contains("x-unknown-field: kept", text);
        Assert.Contains("namespace: \"007\"", text); // quoting kept, so the string stays a string
        Assert.Contains("colors: true", text);
    }

    [Fact]
    public void Merging_twice_replaces_the_entries_instead_of_duplicating_them()
    {
        var doc = KubeconfigDocument.Parse(Existing);
        doc.Upsert(Entry);
        doc.Upsert(Entry with { Server = "https://127.0.0.1:6445" });
        Assert.Equal(["prod", "kinet-dev"], doc.Names("clusters"));
        Assert.Equal(["prod", "kinet-dev"], doc.Names("contexts"));
        Assert.Contains("https://127.0.0.1:6445", doc.ToString());
        Assert.DoesNotContain("https://127.0.0.1:6444", doc.ToString());
    }

    [Fact]
    public void Removing_takes_out_our_entries_and_clears_current_context_that_pointed_there()
    {
        var doc = KubeconfigDocument.Parse(Existing);
        doc.Upsert(Entry);
        Assert.True(doc.Remove("kinet-dev"));
        Assert.Equal(["prod"], doc.Names("clusters"));
        Assert.Equal(["prod-admin"], doc.Names("users"));
        Assert.Equal("", doc.CurrentContext);
        Assert.False(doc.Remove("kinet-dev"));
    }

    [Fact]
    public void Removing_another_cluster_leaves_current_context_alone()
    {
        var doc = KubeconfigDocument.Parse(Existing);
        doc.Upsert(Entry);
        doc.Upsert(Entry with { Name = "kinet-other" });
        doc.Remove("kinet-dev");
        Assert.Equal("kinet-other", doc.CurrentContext);
    }

    [Theory]
    [InlineData("")]
    [InlineData("apiVersion: v1\nkind: Config\nclusters: null\ncontexts: null\nusers: null\n")]
    public void An_empty_file_or_null_lists_become_a_valid_config(string text)
    {
        var doc = KubeconfigDocument.Parse(text);
        doc.Upsert(Entry);
        var config = KubernetesYaml.Deserialize<K8SConfiguration>(doc.ToString());
        var client = KubernetesClientConfiguration.BuildConfigFromConfigObject(config);
        Assert.Equal("https://127.0.0.1:6444/", client.Host.TrimEnd('/') + "/");
        Assert.Equal("tok3n", client.AccessToken);
    }

    [Fact]
    public void A_kubeconfig_that_is_not_yaml_is_a_readable_error()
    {
        var e = Assert.Throws<CliException>(() => KubeconfigDocument.Parse("clusters: [unclosed", "/x/config"));
        Assert.StartsWith("cannot read kubeconfig /x/config", e.Message);
    }

    [Fact]
    public void Saving_writes_mode_0600_even_over_a_world_readable_file()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("kube", "config");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Existing);
        File.SetUnixFileMode(path, StateFiles.Public);

        ClusterKubeconfig.Merge(path, Entry);

        Assert.Equal(StateFiles.Private, File.GetUnixFileMode(path));
        Assert.Equal(["prod", "kinet-dev"], KubeconfigDocument.Load(path).Names("contexts"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Removing_from_a_missing_kubeconfig_creates_nothing()
    {
        using var temp = new TempDirectory();
        ClusterKubeconfig.Remove(temp.Combine("config"), "dev");
        Assert.False(File.Exists(temp.Combine("config")));
    }
}
