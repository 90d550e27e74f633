// Benchmark entry point: BenchmarkDotNet's switcher over every benchmark class, plus `memory [pods]` for the store's
// footprint, `fanout [commits]` for per-commit watch latency percentiles, and `api ...` for end-to-end API figures
// (bench/api.sh), `controllers ...` (bench/controllers.sh), `proxy-sync [services]` for proxy sync wall and CPU times and `rr-server`/`rr-client` for pod network latency (bench/podnet.sh).
// Run: dotnet run -c Release --project bench/Kinet.Bench -- --filter '*' --job short
using BenchmarkDotNet.Running;
using Kinet.Bench.Store;

if (args is ["pipeline", ..]) return Kinet.Bench.Api.CreatePipelineBenchmarks.Loop(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
if (args is ["api", ..]) return await Kinet.Bench.Api.ApiLoad.RunAsync(args);
if (args is ["controllers", ..]) return await Kinet.Bench.Api.ControllerLoad.RunAsync(args);
if (args is ["fanout", ..]) return await StoreFanOutLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000);
if (args is ["rr-server", var rrPort]) return await Kinet.Bench.Net.RequestResponse.ServerAsync(int.Parse(rrPort, System.Globalization.CultureInfo.InvariantCulture));
if (args is ["rr-client", var rrHost, var rrPort2, ..]) return Kinet.Bench.Net.RequestResponse.Client(rrHost, int.Parse(rrPort2, System.Globalization.CultureInfo.InvariantCulture), args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
if (args is ["proxy-sync", ..]) return Kinet.Bench.Proxy.ProxySyncTimes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
if (args is ["memory", ..]) return await StoreMemoryFootprint.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
BenchmarkSwitcher.FromAssembly(typeof(StoreMemoryFootprint).Assembly).Run(args);
return 0;
