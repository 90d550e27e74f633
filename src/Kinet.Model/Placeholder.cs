namespace Kinet.Model; internal static class Placeholder {}
