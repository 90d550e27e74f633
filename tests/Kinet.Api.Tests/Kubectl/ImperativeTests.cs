// Acceptance: the imperative commands of the seed and its troubleshooting section.
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class ImperativeTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>
{
    private const string NginxPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: nginx-pod
          labels: {app: nginx}
        spec:
          containers:
          - name: nginx
            image: nginx
            ports:
            - containerPort: 80
        """;

    [Fact]
    public async Task Expose_creates_a_service_selecting_the_pod_labels()
    {
        await k.OkIn(NginxPod, "apply", "-f", "-");
        Assert.Equal("service/nginx-service exposed\n", await k.Ok("expose", "pod", "nginx-pod", "--port=80", "--target-port=80", "--name=nginx-service"));
        Assert.Equal("nginx 80 TCP", await k.Ok("get", "svc", "nginx-service", "-o", "jsonpath={.spec.selector.app} {.spec.ports[0].targetPort} {.spec.ports[0].protocol}"));
    }

    [Fact]
    public async Task Patch_strategic_merge_json_change_the_service()
    {
        await k.OkIn("""
            apiVersion: v1
            kind: Service
            metadata: {name: postgres-db}
            spec:
              selector: {app: postgres, tier: db}
              ports: [{port: 5432, name: pg}]
            """, "apply", "-f", "-");
        // The seed's patch: a strategic merge of a map keeps the other keys, so as on a real cluster nothing changes.
        Assert.Equal("service/postgres-db patched (no change)\n", await k.Ok("patch", "service", "postgres-db", "-p", """{"spec":{"selector":{"app":"postgres"}}}"""));
        Assert.Equal("""{"app":"postgres","tier":"db"}""", await k.Ok("get", "svc", "postgres-db", "-o", "jsonpath={.spec.selector}"));
        // Strategic merge adds a port next to the existing one (merge key: port).
        await k.Ok("patch", "service", "postgres-db", "-p", """{"spec":{"ports":[{"port":5433,"name":"b"}]}}""");
        Assert.Equal("5433 5432", await k.Ok("get", "svc", "postgres-db", "-o", "jsonpath={.spec.ports[*].port}"));
        await k.Ok("patch", "service", "postgres-db", "--type=merge", "-p", """{"spec":{"selector":{"tier":null}}}""");
        Assert.Equal("""{"app":"postgres"}""", await k.Ok("get", "svc", "postgres-db", "-o", "jsonpath={.spec.selector}"));
        await k.Ok("patch", "service", "postgres-db", "--type=json", "-p", """[{"op":"replace","path":"/spec/selector/app","value":"pg"}]""");
        Assert.Equal("pg", await k.Ok("get", "svc", "postgres-db", "-o", "jsonpath={.spec.selector.app}"));
    }

    [Fact]
    public async Task Label_annotate_and_remove_a_label()
    {
        await k.OkIn(NginxPod.Replace("nginx-pod", "labelled"), "apply", "-f", "-");
        Assert.Equal("pod/labelled labeled\n", await k.Ok("label", "pod", "labelled", "env=prod"));
        Assert.Equal("pod/labelled annotated\n", await k.Ok("annotate", "pod", "labelled", "owner=team-a"));
        Assert.Equal("prod team-a", await k.Ok("get", "pod", "labelled", "-o", "jsonpath={.metadata.labels.env} {.metadata.annotations.owner}"));
        Assert.Equal("pod/labelled unlabeled\n", await k.Ok("label", "pod", "labelled", "env-"));
        Assert.Equal("", await k.Ok("get", "pod", "labelled", "-o", "jsonpath={.metadata.labels.env}"));
        var conflict = await k.Fails("label", "pod", "labelled", "app=other");
        Assert.Contains("already has a value (nginx)", conflict);
    }

    [Fact]
    public async Task Scale_replace_and_delete_a_deployment()
    {
        await k.Ok("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2");
        Assert.Equal("deployment.apps/web scaled\n", await k.Ok("scale", "deployment", "web", "--replicas=5"));
        Assert.Equal("5", await k.Ok("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"));
        Assert.Equal("deployment.apps/web scaled\n", await k.Ok("scale", "deployment", "web", "--current-replicas=5", "--replicas=3"));
        var stale = await k.Fails("scale", "deployment", "web", "--current-replicas=5", "--replicas=1");
        Assert.Contains("Expected replicas to be 5, was 3", stale);

        var yaml = await k.Ok("get", "deploy", "web", "-o", "yaml");
        var replaced = await k.OkIn(yaml.Replace("nginx:1.27", "nginx:1.28"), "replace", "-f", "-");
        Assert.Equal("deployment.apps/web replaced\n", replaced);
        // The same yaml again now carries a stale resourceVersion.
        var conflict = await k.FailsIn(yaml, "replace", "-f", "-");
        Assert.Contains("the object has been modified; please apply your changes to the latest version and try again", conflict);

        Assert.Equal("deployment.apps \"web\" deleted\n", await k.Ok("delete", "deployment", "web"));
        Assert.Contains("NotFound", await k.Fails("get", "deployment", "web"));
    }

    [Fact]
    public async Task Describe_service_pod_deployment_node_and_networkpolicy()
    {
        await k.OkIn(NginxPod.Replace("nginx-pod", "described"), "apply", "-f", "-");
        await k.Ok("expose", "pod", "described", "--port=80", "--name=described-svc");
        await k.Ok("create", "deployment", "described-deploy", "--image=nginx");
        await k.OkIn("""
            apiVersion: v1
            kind: Node
            metadata:
              name: kinet-worker
              labels: {kubernetes.io/hostname: kinet-worker}
            """, "apply", "-f", "-");
        await k.OkIn("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-frontend}
            spec:
              podSelector: {matchLabels: {app: nginx}}
              ingress:
              - from:
                - podSelector: {matchLabels: {role: frontend}}
                ports: [{port: 80}]
            """, "apply", "-f", "-");
        var svc = await k.Ok("describe", "service", "described-svc");
        Assert.Matches(@"Selector:\s+app=nginx", svc);
        Assert.Matches(@"Port:\s+<unset>\s+80/TCP", svc);
        Assert.Matches(@"Session Affinity:\s+None", svc);
        Assert.Matches(@"Name:\s+described", await k.Ok("describe", "pod", "described"));
        Assert.Matches(@"Replicas:\s+1 desired", await k.Ok("describe", "deployment", "described-deploy"));
        Assert.Matches(@"Name:\s+kinet-worker", await k.Ok("describe", "node", "kinet-worker"));
        var netpol = await k.Ok("describe", "networkpolicy", "allow-frontend");
        Assert.Contains("PodSelector:     app=nginx", netpol);
        Assert.Contains("role=frontend", netpol);
    }
}
