// A container's environment as the kubelet and containerd build it: order, expansion, valueFrom and the errors that
// keep a container in CreateContainerConfigError.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class ContainerEnvTests
{
    private static ContainerPlanResult PlanOne(string containerJson, FakeSources? sources = null, string extraSpec = "", string? metadata = null)
    {
        var pod = Fixtures.PodWith(containerJson, extraSpec);
        if (metadata is not null) pod["metadata"] = Fixtures.Obj(metadata);
        return Assert.Single(PodPlanner.Plan(pod, sources ?? new FakeSources(), Fixtures.Settings).Containers);
    }

    [Fact]
    public void The_process_environment_is_runtime_defaults_then_the_kubelets_variables_in_order()
    {
        var sources = new FakeSources().WithKubernetesService()
            .WithConfigMap("shop", "cfg", """{"LOG_LEVEL":"debug","MODE":"from-configmap"}""");
        var plan = PlanOne("""
            {"name":"app","image":"busybox","tty":true,
             "envFrom":[{"configMapRef":{"name":"cfg"}}],
             "env":[{"name":"MODE","value":"explicit"},{"name":"GREETING","value":"hi $(LOG_LEVEL) on $(KUBERNETES_SERVICE_HOST)"}]}
            """, sources).Plan!;
        Assert.Equal(
        [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "TERM=xterm",
            "HOSTNAME=web-0",
            "LOG_LEVEL=debug",
            "MODE=explicit",
            "GREETING=hi debug on 10.96.0.1",
            "KUBERNETES_SERVICE_HOST=10.96.0.1",
            "KUBERNETES_SERVICE_PORT=443",
            "KUBERNETES_SERVICE_PORT_HTTPS=443",
            "KUBERNETES_PORT=tcp://10.96.0.1:443",
            "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
            "KUBERNETES_PORT_443_TCP_PROTO=tcp",
            "KUBERNETES_PORT_443_TCP_PORT=443",
            "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
            "HOME=/root",
        ], plan.Env.Select(e => e.ToString()));
    }

    [Fact]
    public void A_value_sees_only_variables_defined_before_it()
    {
        var plan = PlanOne("""
            {"name":"app","image":"busybox",
             "env":[{"name":"A","value":"$(B)-a"},{"name":"B","value":"b"},{"name":"C","value":"$(B)-c $$(B) $(A)"}]}
            """).Plan!;
        Assert.Equal("$(B)-a", plan.EnvValue("A"));
        Assert.Equal("b-c $(B) $(B)-a", plan.EnvValue("C"));
    }

    [Fact]
    public void Explicit_env_wins_over_service_variables_and_keeps_its_place()
    {
        var plan = PlanOne("""{"name":"app","image":"busybox","env":[{"name":"KUBERNETES_SERVICE_HOST","value":"override"}]}""",
            new FakeSources().WithKubernetesService()).Plan!;
        Assert.Single(plan.Env, e => e.Name == "KUBERNETES_SERVICE_HOST");
        Assert.Equal("override", plan.EnvValue("KUBERNETES_SERVICE_HOST"));
    }

    [Fact]
    public void Env_from_applies_prefixes_and_later_sources_win()
    {
        var sources = new FakeSources()
            .WithConfigMap("shop", "one", """{"KEY":"1","ONLY_ONE":"x","app.properties":"a=b"}""")
            .WithSecret("shop", "two", ("KEY", "2"), ("PASSWORD", "s3cret"));
        var plan = PlanOne("""
            {"name":"app","image":"busybox",
             "envFrom":[{"configMapRef":{"name":"one"}},{"secretRef":{"name":"two"}},{"prefix":"P_","configMapRef":{"name":"one"}}]}
            """, sources).Plan!;
        Assert.Equal("2", plan.EnvValue("KEY"));
        Assert.Equal("s3cret", plan.EnvValue("PASSWORD"));
        Assert.Equal("1", plan.EnvValue("P_KEY"));
        // Since 1.30 the kubelet no longer drops keys that are not C identifiers.
        Assert.Equal("a=b", plan.EnvValue("app.properties"));
    }

    [Fact]
    public void Value_from_reads_the_pod_the_node_and_config()
    {
        var sources = new FakeSources()
            .WithConfigMap("shop", "cfg", """{"color":"blue"}""")
            .WithSecret("shop", "db", ("password", "hunter2"));
        var plan = PlanOne("""
            {"name":"app","image":"busybox","resources":{"limits":{"memory":"64Mi"},"requests":{"cpu":"250m"}},
             "env":[
              {"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
              {"name":"POD_NS","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}},
              {"name":"POD_UID","valueFrom":{"fieldRef":{"fieldPath":"metadata.uid"}}},
              {"name":"TIER","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['tier']"}}},
              {"name":"OWNER","valueFrom":{"fieldRef":{"fieldPath":"metadata.annotations['team/owner']"}}},
              {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
              {"name":"SA","valueFrom":{"fieldRef":{"fieldPath":"spec.serviceAccountName"}}},
              {"name":"HOST_IP","valueFrom":{"fieldRef":{"fieldPath":"status.hostIP"}}},
              {"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
              {"name":"POD_IPS","valueFrom":{"fieldRef":{"fieldPath":"status.podIPs"}}},
              {"name":"MEM_MI","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1Mi"}}},
              {"name":"CPU_REQ","valueFrom":{"resourceFieldRef":{"resource":"requests.cpu"}}},
              {"name":"CPU_REQ_M","valueFrom":{"resourceFieldRef":{"resource":"requests.cpu","divisor":"1m"}}},
              {"name":"CPU_LIMIT","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu"}}},
              {"name":"MEM_REQ_MI","valueFrom":{"resourceFieldRef":{"resource":"requests.memory","divisor":"1Mi"}}},
              {"name":"COLOR","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"color"}}},
              {"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}},
              {"name":"MAYBE","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"absent","optional":true}}},
              {"name":"MAYBE_TOO","valueFrom":{"secretKeyRef":{"name":"nope","key":"k","optional":true}}}]}
            """, sources, "\"serviceAccountName\":\"shop-sa\"",
            """{"name":"web-0","namespace":"shop","uid":"u-1","labels":{"tier":"front"},"annotations":{"team/owner":"ana"}}""").Plan!;
        var expected = new Dictionary<string, string>
        {
            ["POD_NAME"] = "web-0", ["POD_NS"] = "shop", ["POD_UID"] = "u-1", ["TIER"] = "front", ["OWNER"] = "ana",
            ["NODE"] = "kinet-worker", ["SA"] = "shop-sa", ["HOST_IP"] = "172.18.0.3", ["POD_IP"] = "10.244.1.5", ["POD_IPS"] = "10.244.1.5",
            ["MEM_MI"] = "64", ["CPU_REQ"] = "1", ["CPU_REQ_M"] = "250", ["CPU_LIMIT"] = "2", ["MEM_REQ_MI"] = "64", ["COLOR"] = "blue", ["DB_PASSWORD"] = "hunter2",
        };
        foreach (var (name, value) in expected) Assert.Equal((name, value), (name, plan.EnvValue(name)));
        Assert.Null(plan.EnvValue("MAYBE"));
        Assert.Null(plan.EnvValue("MAYBE_TOO"));
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { "a missing ConfigMap", """{"name":"X","valueFrom":{"configMapKeyRef":{"name":"gone","key":"k"}}}""", "configmap \"gone\" not found" },
        { "a missing ConfigMap key", """{"name":"X","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"k"}}}""", "couldn't find key k in ConfigMap shop/cfg" },
        { "a missing Secret", """{"name":"X","valueFrom":{"secretKeyRef":{"name":"gone","key":"k"}}}""", "secret \"gone\" not found" },
        { "a missing Secret key", """{"name":"X","valueFrom":{"secretKeyRef":{"name":"db","key":"k"}}}""", "couldn't find key k in Secret shop/db" },
        { "a bad field path", """{"name":"X","valueFrom":{"fieldRef":{"fieldPath":"spec.restartPolicy"}}}""", "unsupported fieldPath: spec.restartPolicy" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_missing_source_is_a_container_config_error_with_the_kubelets_message(string what, string envJson, string message)
    {
        var sources = new FakeSources().WithConfigMap("shop", "cfg", """{"other":"1"}""").WithSecret("shop", "db", ("other", "1"));
        var result = PlanOne($$$"""{"name":"app","image":"busybox","env":[{{{envJson}}}]}""", sources);
        Assert.True(result.Plan is null, what);
        Assert.Equal(new ContainerConfigError("CreateContainerConfigError", message), result.Error);
    }

    [Fact]
    public void A_missing_env_from_source_fails_unless_optional()
    {
        Assert.Equal("configmap \"gone\" not found",
            PlanOne("""{"name":"app","image":"busybox","envFrom":[{"configMapRef":{"name":"gone"}}]}""").Error!.Message);
        Assert.Equal("secret \"gone\" not found",
            PlanOne("""{"name":"app","image":"busybox","envFrom":[{"secretRef":{"name":"gone"}}]}""").Error!.Message);
        Assert.NotNull(PlanOne("""{"name":"app","image":"busybox","envFrom":[{"secretRef":{"name":"gone","optional":true}}]}""").Plan);
    }

    [Fact]
    public void Command_and_args_expand_against_the_final_environment()
    {
        var plan = PlanOne("""
            {"name":"app","image":"busybox","command":["sh","-c","echo $(MSG) $$(MSG) $(NOPE) $HOME"],"args":["$(MSG)"],
             "env":[{"name":"MSG","value":"hello"}]}
            """).Plan!;
        Assert.Equal(["sh", "-c", "echo hello $(MSG) $(NOPE) $HOME", "hello"], plan.Argv);
    }
}
