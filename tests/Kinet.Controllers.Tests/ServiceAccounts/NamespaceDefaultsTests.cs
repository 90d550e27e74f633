// Every active namespace gets the `default` ServiceAccount and the kube-root-ca.crt ConfigMap; the ConfigMap comes back
// when deleted and is reset when edited, as kube-controller-manager's root-ca-cert-publisher does.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Controllers.Runtime;
using Kinet.Controllers.ServiceAccounts;
using Kinet.Controllers.Tests.Support;

namespace Kinet.Controllers.Tests.ServiceAccounts;

public class NamespaceDefaultsTests
{
    private static async Task Eventually(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(10, cts.Token);
    }

    [Fact]
    public async Task A_new_namespace_gets_its_service_account_and_ca_bundle_and_keeps_them()
    {
        var (client, _, _) = await ApiBackedClient.StartAsync();
        var ctx = ControllerContext.Create(client);
        using var cts = new CancellationTokenSource();
        var running = Task.WhenAll(ctx.Informers.RunAsync(cts.Token),
            NamespaceDefaults.ServiceAccounts(ctx).RunAsync(cts.Token),
            NamespaceDefaults.RootCa(ctx, "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n").RunAsync(cts.Token));

        await client.CreateAsync(Resources.Namespaces, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "shop" } }, "t");
        await Eventually(() => client.Get(Resources.ServiceAccounts, "shop", "default") is not null);
        await Eventually(() => client.Get(Resources.ConfigMaps, "shop", "kube-root-ca.crt") is not null);
        Assert.NotNull(client.Get(Resources.ServiceAccounts, "kube-system", "default"));

        var cm = client.Get(Resources.ConfigMaps, "shop", "kube-root-ca.crt")!;
        Assert.Equal(NamespaceDefaults.RootCaDescription, cm["metadata"]!["annotations"]!["kubernetes.io/description"]!.GetValue<string>());
        cm["data"]!["ca.crt"] = "tampered";
        await client.UpdateAsync(Resources.ConfigMaps, cm, "someone");
        await Eventually(() => client.Get(Resources.ConfigMaps, "shop", "kube-root-ca.crt")!["data"]!["ca.crt"]!.GetValue<string>().StartsWith("-----BEGIN", StringComparison.Ordinal));

        await client.DeleteAsync(Resources.ConfigMaps, "shop", "kube-root-ca.crt");
        await Eventually(() => client.Get(Resources.ConfigMaps, "shop", "kube-root-ca.crt") is not null);

        await cts.CancelAsync();
        await running;
    }
}
