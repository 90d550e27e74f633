// The CLI and its tests are Linux-only (file modes, signals, /proc).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
