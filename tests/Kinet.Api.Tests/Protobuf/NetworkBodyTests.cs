// Hand-built Service, Ingress, NetworkPolicy, EndpointSlice and Endpoints bodies decode to the JSON Go would marshal.
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class NetworkBodyTests
{
    [Fact]
    public void A_service_decodes_ports_with_numeric_and_named_target_ports_and_its_selector()
    {
        var body = ProtoWriter.Body("v1", "Service", s => s
            .Message(1, m => WorkloadBodyTests.Meta(m, "web"))
            .Message(2, spec => spec
                .Message(1, p => p.String(1, "http").String(2, "TCP").Varint(3, 80)
                    .Message(4, t => t.Varint(1, 0).Varint(2, 8080).String(3, "")).Varint(5, 30080))
                .Message(1, p => p.String(1, "https").String(2, "TCP").Varint(3, 443)
                    .Message(4, t => t.Varint(1, 1).Varint(2, 0).String(3, "https")).Varint(5, 0))
                .Entry(2, "app", "web")
                .String(3, "").String(4, "NodePort").String(7, "").String(8, "").String(10, "").String(11, "")
                .Varint(12, 0).Bool(13, false).String(19, "IPv4")
                .String(17, "SingleStack")
                .Bool(20, true))
            .Message(3, st => st.Message(1, _ => { })));

        JsonAssert.Equal("""
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null},
             "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080,"nodePort":30080},
                              {"name":"https","protocol":"TCP","port":443,"targetPort":"https"}],
               "selector":{"app":"web"},"type":"NodePort","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",
               "allocateLoadBalancerNodePorts":true},
             "status":{"loadBalancer":{}}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void An_ingress_decodes_class_rules_with_path_types_tls_and_default_backend()
    {
        var body = ProtoWriter.Body("networking.k8s.io/v1", "Ingress", i => i
            .Message(1, m => WorkloadBodyTests.Meta(m, "ing"))
            .Message(2, spec => spec
                .Message(1, b => b.Message(4, svc => svc.String(1, "fallback").Message(2, p => p.String(1, "").Varint(2, 80))))
                .Message(2, tls => tls.String(1, "foo.com").String(1, "www.foo.com").String(2, "foo-cert"))
                .Message(3, rule => rule.String(1, "foo.com").Message(2, v => v.Message(1, http => http
                    .Message(1, path => path.String(1, "/api").String(3, "Prefix")
                        .Message(2, b => b.Message(4, svc => svc.String(1, "api").Message(2, p => p.String(1, "http").Varint(2, 0)))))
                    .Message(1, path => path.String(1, "/").String(3, "Exact")
                        .Message(2, b => b.Message(4, svc => svc.String(1, "web").Message(2, p => p.String(1, "").Varint(2, 8080))))))))
                .String(4, "nginx"))
            .Message(3, st => st.Message(1, _ => { })));

        JsonAssert.Equal("""
            {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"ing","creationTimestamp":null},
             "spec":{"defaultBackend":{"service":{"name":"fallback","port":{"number":80}}},
               "tls":[{"hosts":["foo.com","www.foo.com"],"secretName":"foo-cert"}],
               "rules":[{"host":"foo.com","http":{"paths":[
                 {"path":"/api","pathType":"Prefix","backend":{"service":{"name":"api","port":{"name":"http"}}}},
                 {"path":"/","pathType":"Exact","backend":{"service":{"name":"web","port":{"number":8080}}}}]}}],
               "ingressClassName":"nginx"},
             "status":{"loadBalancer":{}}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_network_policy_decodes_peers_ip_blocks_and_int_or_string_ports()
    {
        var body = ProtoWriter.Body("networking.k8s.io/v1", "NetworkPolicy", n => n
            .Message(1, m => WorkloadBodyTests.Meta(m, "deny", "prod"))
            .Message(2, spec => spec
                .Message(1, sel => sel.Message(2, req => req.String(1, "tier").String(2, "NotIn").String(3, "db").String(3, "cache")))
                .Message(2, rule => rule
                    .Message(1, p => p.String(1, "TCP").Message(2, port => port.Varint(1, 0).Varint(2, 5432)).Varint(3, 5440))
                    .Message(1, p => p.String(1, "UDP").Message(2, port => port.Varint(1, 1).String(3, "dns")))
                    .Message(2, peer => peer.Message(2, ns => ns.Entry(1, "team", "a")).Message(1, _ => { }))
                    .Message(2, peer => peer.Message(3, b => b.String(1, "10.0.0.0/8").String(2, "10.1.0.0/16"))))
                .String(4, "Ingress")));

        JsonAssert.Equal("""
            {"kind":"NetworkPolicy","apiVersion":"networking.k8s.io/v1",
             "metadata":{"name":"deny","namespace":"prod","creationTimestamp":null},
             "spec":{"podSelector":{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["db","cache"]}]},
               "ingress":[{"ports":[{"protocol":"TCP","port":5432,"endPort":5440},{"protocol":"UDP","port":"dns"}],
                 "from":[{"namespaceSelector":{"matchLabels":{"team":"a"}},"podSelector":{}},
                         {"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}]}],
               "policyTypes":["Ingress"]}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void An_endpoint_slice_keeps_false_conditions_because_they_are_pointers()
    {
        var body = ProtoWriter.Body("discovery.k8s.io/v1", "EndpointSlice", e => e
            .Message(1, m => WorkloadBodyTests.Meta(m, "web-abc", "default", ("kubernetes.io/service-name", "web")))
            .Message(2, ep => ep.String(1, "10.244.0.5")
                .Message(2, c => c.Bool(1, false).Bool(2, true).Bool(3, true))
                .Message(4, r => r.String(1, "Pod").String(2, "default").String(3, "web-1").String(4, "uid-1"))
                .String(6, "node-a"))
            .Message(3, p => p.String(1, "").String(2, "TCP").Varint(3, 8080))
            .String(4, "IPv4"));

        JsonAssert.Equal("""
            {"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1",
             "metadata":{"name":"web-abc","namespace":"default","creationTimestamp":null,"labels":{"kubernetes.io/service-name":"web"}},
             "endpoints":[{"addresses":["10.244.0.5"],"conditions":{"ready":false,"serving":true,"terminating":true},
               "targetRef":{"kind":"Pod","namespace":"default","name":"web-1","uid":"uid-1"},"nodeName":"node-a"}],
             "ports":[{"name":"","protocol":"TCP","port":8080}],
             "addressType":"IPv4"}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void Endpoints_decode_subsets_with_ready_and_not_ready_addresses()
    {
        var body = ProtoWriter.Body("v1", "Endpoints", e => e
            .Message(1, m => WorkloadBodyTests.Meta(m, "web", "default"))
            .Message(2, s => s
                .Message(1, a => a.String(1, "10.244.0.5").String(4, "node-a"))
                .Message(2, a => a.String(1, "10.244.0.6"))
                .Message(3, p => p.String(1, "http").Varint(2, 8080).String(3, "TCP"))));

        JsonAssert.Equal("""
            {"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"web","namespace":"default","creationTimestamp":null},
             "subsets":[{"addresses":[{"ip":"10.244.0.5","nodeName":"node-a"}],"notReadyAddresses":[{"ip":"10.244.0.6"}],
               "ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}
            """, ProtobufDecoder.Decode(body));
    }
}
