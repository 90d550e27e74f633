// The host tests run on Linux only, like the code they test.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
