// What a container sees of its image layer under volume mounts, the atomic writer's layout of file-set volumes, and
// the runtime's start errors.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class LayoutTests
{
    [Fact]
    public void A_volume_at_the_log_dir_hides_nginxs_stdout_links_and_one_at_the_html_root_its_welcome_page()
    {
        var pod = Fixtures.Pod("""
            {"volumes":[{"name":"logs","emptyDir":{}},{"name":"html","emptyDir":{}}],
             "containers":[
              {"name":"plain","image":"nginx"},
              {"name":"logged","image":"nginx","volumeMounts":[{"name":"logs","mountPath":"/var/log/nginx/"}]},
              {"name":"paged","image":"nginx","volumeMounts":[{"name":"html","mountPath":"/usr/share/nginx/html"}]}]}
            """);
        var plan = PodPlanner.Plan(pod, new FakeSources(), Fixtures.Settings);
        string[] Visible(int i) => plan.Containers[i].Plan!.VisibleLayerFiles.Select(f => f.Path).ToArray();
        Assert.Contains("/var/log/nginx/access.log", Visible(0));
        Assert.Contains("/usr/share/nginx/html/index.html", Visible(0));
        Assert.DoesNotContain("/var/log/nginx/access.log", Visible(1));
        Assert.DoesNotContain("/var/log/nginx/error.log", Visible(1));
        Assert.Contains("/usr/share/nginx/html/index.html", Visible(1));
        Assert.DoesNotContain("/usr/share/nginx/html/index.html", Visible(2));
        Assert.DoesNotContain("/usr/share/nginx/html/50x.html", Visible(2));
        Assert.Contains("/etc/nginx/nginx.conf", Visible(2));
    }

    [Fact]
    public void File_set_volumes_are_laid_out_behind_a_data_link_as_the_atomic_writer_does()
    {
        var files = new[]
        {
            new ProjectedFile("html/index.html", "<h1>hi</h1>"u8.ToArray(), FileModes.Mode0644),
            new ProjectedFile("nginx.conf", "events {}"u8.ToArray(), 384),
        };
        var entries = AtomicWriterLayout.Entries(files, new DateTimeOffset(2026, 11, 26, 13, 9, 0, TimeSpan.Zero), "123456789");
        Assert.Equal(
        [
            "Directory ..2026_11_26_13_09_00.123456789",
            "Directory ..2026_11_26_13_09_00.123456789/html",
            "File ..2026_11_26_13_09_00.123456789/html/index.html 644",
            "File ..2026_11_26_13_09_00.123456789/nginx.conf 600",
            "Symlink ..data -> ..2026_11_26_13_09_00.123456789",
            "Symlink html -> ..data/html",
            "Symlink nginx.conf -> ..data/nginx.conf",
        ], entries.Select(e => e.Kind switch
        {
            PlannedFileKind.Symlink => $"Symlink {e.Path} -> {e.Target}",
            PlannedFileKind.File => $"File {e.Path} {Convert.ToString(e.Mode, 8)}",
            _ => $"Directory {e.Path}",
        }));
    }

    [Theory]
    [InlineData("curl", "exec: \"curl\": executable file not found in $PATH")]
    [InlineData("/app/server", "exec: \"/app/server\": stat /app/server: no such file or directory")]
    public void A_missing_program_fails_as_runc_reports_it(string program, string detail)
    {
        var e = ContainerStartErrors.ExecNotFound(program);
        Assert.Equal(("StartError", 128), (e.Reason, e.ExitCode));
        Assert.Equal("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: " + detail + ": unknown", e.Message);
    }
}
