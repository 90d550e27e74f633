// Acceptance: deleting a namespace with kubectl terminates it, the namespace controller empties it, and kubectl returns
// once it is gone; the built-in namespaces cannot be deleted.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

public class NamespaceDeletionTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    private Task<string> Ok(params string[] args) => cluster.KubectlOk(args);

    [Fact]
    public async Task Deleting_a_namespace_removes_its_content_and_returns_once_gone()
    {
        await Ok("create", "namespace", "doomed");
        await Ok("create", "configmap", "c", "-n", "doomed", "--from-literal=a=b");
        await Ok("create", "deployment", "d", "-n", "doomed", "--image=nginx");
        Assert.Equal("namespace \"doomed\" deleted\n", await Ok("delete", "namespace", "doomed"));
        var get = await cluster.Kubectl("get", "namespace", "doomed");
        Assert.Contains("NotFound", get.Stderr);
        // Created again, it starts empty.
        await Ok("create", "namespace", "doomed");
        // (kube-root-ca.crt is published again into the new namespace, as on a real cluster.)
        Assert.DoesNotContain("configmap/c\n", await Ok("get", "configmaps", "-n", "doomed", "-o", "name"));
        Assert.Equal("", await Ok("get", "deployments,replicasets,pods", "-n", "doomed", "-o", "name"));
    }

    [Fact]
    public async Task The_default_namespace_cannot_be_deleted()
    {
        var r = await cluster.Kubectl("delete", "namespace", "default");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted", r.Stderr);
    }
}
