// Acceptance: every manifest of the seed tutorial applies with the real kubectl: created, then unchanged, then configured.
using Kinet.Api.Tests.Support;

namespace Kinet.Api.Tests.Kubectl;

public class SeedApplyTests(ApiServerFixture k) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Every_seed_manifest_applies_created_then_unchanged_then_configured()
    {
        Assert.Contains("namespace/payment-processing created", await k.Ok("create", "namespace", "payment-processing"));
        await k.Ok("create", "namespace", "order-v2");
        var manifests = SharedData.SeedManifests();
        for (var i = 0; i < manifests.Count; i++)
        {
            // The tutorial shows two versions of the pod "order-service"; a pod's env cannot change, so v2 goes beside v1.
            string[] ns = manifests[i].Contains("order-service:v2") ? ["-n", "order-v2"] : [];
            var created = await k.OkIn(manifests[i], ["apply", "-f", "-", .. ns]);
            Assert.Matches(@"^\S+ created\n$", created);
            var again = await k.OkIn(manifests[i], ["apply", "-f", "-", .. ns]);
            Assert.EndsWith(" unchanged\n", again);
        }
        var changed = manifests.Single(m => m.Contains("name: my-nodeport-service")).Replace("app: my-app", "app: my-app2");
        Assert.Equal("service/my-nodeport-service configured\n", await k.OkIn(changed, "apply", "-f", "-"));
        Assert.Equal("service/my-nodeport-service unchanged\n", await k.OkIn(changed, "apply", "-f", "-"));
        var svc = await k.Ok("get", "svc", "my-nodeport-service", "-o", "jsonpath={.spec.selector.app} {.spec.ports[0].nodePort}");
        Assert.Equal("my-app2 30080", svc);
    }

    [Fact]
    public async Task Changing_a_container_image_in_a_deployment_is_configured_and_keeps_its_ports()
    {
        var dep = SharedData.SeedManifests().Single(m => m.Contains("kind: Deployment")).Replace("payment-processing", "default");
        await k.OkIn(dep, "apply", "-f", "-");
        Assert.Equal("deployment.apps/payment-processor configured\n",
            await k.OkIn(dep.Replace("payment-processor:v1", "payment-processor:v2"), "apply", "-f", "-"));
        Assert.Equal("payment-processor:v2 8080",
            await k.Ok("get", "deploy", "payment-processor", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}"));
        Assert.Equal("deployment.apps/payment-processor unchanged\n",
            await k.OkIn(dep.Replace("payment-processor:v1", "payment-processor:v2"), "apply", "-f", "-"));
    }

    [Fact]
    public async Task Server_side_apply_creates_updates_and_reports_conflicts()
    {
        const string svc = """
            apiVersion: v1
            kind: Service
            metadata:
              name: ssa-svc
            spec:
              selector:
                app: ssa
              ports:
              - port: 80
                targetPort: 8080
            """;
        Assert.Equal("service/ssa-svc serverside-applied\n", await k.OkIn(svc, "apply", "--server-side", "-f", "-"));
        Assert.Equal("service/ssa-svc serverside-applied\n", await k.OkIn(svc.Replace("8080", "9090"), "apply", "--server-side", "-f", "-"));
        Assert.Equal("9090", await k.Ok("get", "svc", "ssa-svc", "-o", "jsonpath={.spec.ports[0].targetPort}"));
        // Another manager changing the same field conflicts unless forced.
        var err = await k.FailsIn(svc.Replace("8080", "7070"), "apply", "--server-side", "--field-manager=other", "-f", "-");
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl\"", err);
        Assert.Contains(".spec.ports[port=80,protocol=\"TCP\"].targetPort", err);
        await k.OkIn(svc.Replace("8080", "7070"), "apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-");
        Assert.Equal("7070", await k.Ok("get", "svc", "ssa-svc", "-o", "jsonpath={.spec.ports[0].targetPort}"));
    }

    [Fact]
    public async Task Diff_shows_a_pending_change_and_persists_nothing()
    {
        const string cm = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: diff-me
            data:
              a: "1"
            """;
        await k.OkIn(cm, "apply", "-f", "-");
        var r = await k.KubectlIn(cm.Replace("\"1\"", "\"2\""), "diff", "-f", "-");
        Assert.Equal(1, r.ExitCode); // kubectl diff exits 1 when there are differences
        Assert.Contains("-  a: \"1\"", r.Stdout);
        Assert.Contains("+  a: \"2\"", r.Stdout);
        Assert.Equal("1", await k.Ok("get", "cm", "diff-me", "-o", "jsonpath={.data.a}"));
        var same = await k.KubectlIn(cm, "diff", "-f", "-");
        Assert.True(same.ExitCode == 0, same.ToString());
    }
}
