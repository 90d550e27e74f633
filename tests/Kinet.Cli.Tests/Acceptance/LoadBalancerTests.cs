// Acceptance (issue 3, Service allocation): a LoadBalancer Service gets an EXTERNAL-IP from the pool.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

public class LoadBalancerTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    [Fact]
    public async Task The_seed_web_app_load_balancer_gets_an_external_ip_from_the_pool()
    {
        var created = await cluster.KubectlWithInput("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web-app
            spec:
              type: LoadBalancer
              ports:
              - port: 80
                targetPort: 8080
              selector:
                app: web-app
            """, "apply", "-f", "-");
        Assert.True(created.ExitCode == 0, created.ToString());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string ip;
        do
        {
            ip = (await cluster.Kubectl("get", "svc", "web-app", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}")).Stdout;
            if (ip.Length > 0) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.StartsWith("172.18.255.", ip);
        var table = await cluster.Kubectl("get", "service", "web-app");
        Assert.Matches($@"web-app\s+LoadBalancer\s+10\.\S+\s+{System.Text.RegularExpressions.Regex.Escape(ip)}\s+80:3\d{{4}}/TCP", table.Stdout);
    }
}
