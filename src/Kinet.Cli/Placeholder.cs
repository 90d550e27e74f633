namespace Kinet.Cli; internal static class Placeholder {}
