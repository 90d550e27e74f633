// Every manifest of seed/kubernetes-networking-tutorial.md (copied by hand) is accepted after defaulting, as a real cluster accepts it.
namespace Kinet.Api.Tests.Validation;

public sealed class SeedManifestTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: Service
        metadata:
          name: database-service
        spec:
          selector:
            app: mysql
          ports:
          - port: 3306
            targetPort: 3306
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: my-nodeport-service
        spec:
          type: NodePort
          ports:
          - port: 80
            targetPort: 80
            nodePort: 30080
          selector:
            app: my-app
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web-app
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: nlb  # Cloud-specific annotation
        spec:
          type: LoadBalancer
          ports:
          - port: 80
            targetPort: 8080
          selector:
            app: web-app
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: order-service
        spec:
          containers:
          - name: order-app
            image: order-service:v1
            env:
            - name: PAYMENT_SERVICE_HOST
              value: "10.100.45.12"
            - name: INVENTORY_SERVICE_HOST
              value: "10.100.67.34"
            - name: USER_SERVICE_HOST
              value: "10.100.23.78"
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: order-service
        spec:
          containers:
          - name: order-app
            image: order-service:v2
            env:
            - name: PAYMENT_SERVICE_HOST
              value: "payment-service.default.svc.cluster.local"
            - name: INVENTORY_SERVICE_HOST
              value: "inventory-service.default.svc.cluster.local"
            - name: USER_SERVICE_HOST
              value: "user-service.default.svc.cluster.local"
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api-service
          annotations:
            sidecar.istio.io/inject: "true"
        spec:
          containers:
          - name: api-app
            image: api-service:v1
            ports:
            - containerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: frontend-service
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: "arn:aws:acm:region:account:certificate/cert-id"
        spec:
          type: LoadBalancer
          ports:
          - port: 443
            targetPort: 8080
          selector:
            app: frontend
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: api-service
        spec:
          type: ClusterIP  # Internal only
          ports:
          - port: 80
            targetPort: 8000
          selector:
            app: api
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db-service
        spec:
          type: ClusterIP
          ports:
          - port: 5432
            targetPort: 5432
          selector:
            app: database
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: company-apps
          annotations:
            kubernetes.io/ingress.class: nginx
            cert-manager.io/cluster-issuer: letsencrypt-prod
        spec:
          tls:
          - hosts:
            - services.company.com
            secretName: company-tls
          rules:
          - host: services.company.com
            http:
              paths:
              - path: /dashboard
                pathType: Prefix
                backend:
                  service:
                    name: dashboard-service
                    port:
                      number: 80
              - path: /api
                pathType: Prefix
                backend:
                  service:
                    name: api-gateway
                    port:
                      number: 80
              - path: /docs
                pathType: Prefix
                backend:
                  service:
                    name: documentation-service
                    port:
                      number: 80
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: payment-processing
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payment-processor
          namespace: payment-processing
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: payment
          template:
            metadata:
              labels:
                app: payment
                pci: "true"
            spec:
              containers:
              - name: payment-app
                image: payment-processor:v1
                ports:
                - containerPort: 8080
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: pci-payment-policy
          namespace: payment-processing
        spec:
          podSelector:
            matchLabels:
              pci: "true"
          policyTypes:
          - Ingress
          - Egress
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  environment: production
            - podSelector:
                matchLabels:
                  role: checkout
            ports:
            - protocol: TCP
              port: 8080
          egress:
          - to:
            - ipBlock:
                cidr: 192.168.5.0/24  # Payment gateway API
            ports:
            - protocol: TCP
              port: 443
          - to:
            - namespaceSelector:
                matchLabels:
                  name: logging
            ports:
            - protocol: TCP
              port: 8125  # Metrics port
        """;

    public static TheoryData<int> Documents => new(Enumerable.Range(0, TestYaml.ParseAll(Manifests).Count));

    [Theory]
    [MemberData(nameof(Documents))]
    public void Tutorial_manifests_validate_clean_after_defaulting(int index)
    {
        var doc = TestYaml.ParseAll(Manifests)[index];
        Assert.Empty(ValidationHarness.CreateErrors(doc.ToJsonString()));
    }

    [Fact]
    public void The_tutorial_has_thirteen_manifests() => Assert.Equal(13, TestYaml.ParseAll(Manifests).Count);
}
