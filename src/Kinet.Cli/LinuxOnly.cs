// Kinet runs on Linux only (network namespaces, nftables, POSIX signals and file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
