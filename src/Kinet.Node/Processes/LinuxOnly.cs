// Kinet.Node touches Linux only (namespaces, ptys, epoll, mounts).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
