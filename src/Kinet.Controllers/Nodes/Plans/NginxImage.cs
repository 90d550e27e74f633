// The official nginx image's files, for the host's Debian nginx: its nginx.conf and conf.d/default.conf (listening on
// 80 whatever the containerPorts say), the welcome and 50x pages, and access/error logs linked to the container's
// stdout/stderr so `kubectl logs` shows requests. Differences from the image: no `user nginx;` (the host has no such
// user; workers run as nobody), one worker, pid in /run; the entrypoint's template scripts are not run. The IPv6 listen
// that its 10-listen-on-ipv6-by-default.sh adds is in default.conf (busybox wget tries ::1 first for localhost).
namespace Kinet.Controllers.Nodes.Plans;

public static class NginxImage
{
    public static readonly IReadOnlyList<string> Cmd = ["nginx", "-g", "daemon off;"];

    public const string StopSignal = "SIGQUIT";

    public static readonly ImageLayer Layer = new("nginx",
    [
        PlannedFile.Text("/etc/nginx/nginx.conf", NginxConf),
        PlannedFile.Text("/etc/nginx/conf.d/default.conf", DefaultConf),
        PlannedFile.Text("/usr/share/nginx/html/index.html", IndexHtml),
        PlannedFile.Text("/usr/share/nginx/html/50x.html", ErrorHtml),
        PlannedFile.Directory("/var/log/nginx"),
        PlannedFile.Symlink("/var/log/nginx/access.log", "/dev/stdout"),
        PlannedFile.Symlink("/var/log/nginx/error.log", "/dev/stderr"),
        PlannedFile.Directory("/var/cache/nginx"),
    ]);

    public const string NginxConf = """

        worker_processes  1;

        error_log  /var/log/nginx/error.log notice;
        pid        /run/nginx.pid;


        events {
            worker_connections  1024;
        }


        http {
            include       /etc/nginx/mime.types;
            default_type  application/octet-stream;

            log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                              '$status $body_bytes_sent "$http_referer" '
                              '"$http_user_agent" "$http_x_forwarded_for"';

            access_log  /var/log/nginx/access.log  main;

            sendfile        on;
            #tcp_nopush     on;

            keepalive_timeout  65;

            #gzip  on;

            include /etc/nginx/conf.d/*.conf;
        }

        """;

    public const string DefaultConf = """
        server {
            listen       80;
            listen  [::]:80;
            server_name  localhost;

            #access_log  /var/log/nginx/host.access.log  main;

            location / {
                root   /usr/share/nginx/html;
                index  index.html index.htm;
            }

            #error_page  404              /404.html;

            # redirect server error pages to the static page /50x.html
            #
            error_page   500 502 503 504  /50x.html;
            location = /50x.html {
                root   /usr/share/nginx/html;
            }
        }

        """;

    public const string IndexHtml = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        </body>
        </html>

        """;

    public const string ErrorHtml = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Error</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>An error occurred.</h1>
        <p>Sorry, the page you are looking for is currently unavailable.<br/>
        Please try again later.</p>
        <p>If you are the system administrator of this resource then you should check
        the error log for details.</p>
        <p><em>Faithfully yours, nginx.</em></p>
        </body>
        </html>

        """;
}
