// Image references as the runtime reports them in container statuses.
using Kinet.Controllers.Nodes;

namespace Kinet.Controllers.Tests.Nodes;

public class ContainerImagesTests
{
    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("bitnami/redis", "docker.io/bitnami/redis:latest")]
    [InlineData("registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10")]
    [InlineData("localhost/app", "localhost/app:latest")]
    [InlineData("localhost:5000/app:v1", "localhost:5000/app:v1")]
    [InlineData("busybox@sha256:abc", "docker.io/library/busybox@sha256:abc")]
    public void References_are_normalised_as_containerd_reports_them(string image, string expected) =>
        Assert.Equal(expected, ContainerImages.Normalize(image));

    [Fact]
    public void An_image_id_is_the_repository_at_a_stable_digest()
    {
        var id = ContainerImages.ImageId("nginx:1.27");
        Assert.StartsWith("docker.io/library/nginx@sha256:", id);
        Assert.Equal(64, id.Length - "docker.io/library/nginx@sha256:".Length);
        Assert.Equal(id, ContainerImages.ImageId("docker.io/library/nginx:1.27"));
        Assert.NotEqual(id, ContainerImages.ImageId("nginx:1.26"));
    }
}
