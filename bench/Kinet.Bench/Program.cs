// Benchmark entry point: BenchmarkDotNet's switcher over every benchmark class, plus `memory [pods]` for the store's
// footprint, `fanout [commits]` for per-commit watch latency percentiles, and `api ...` for end-to-end API figures
// (bench/api.sh), `controllers ...` (bench/controllers.sh) and `rr-server`/`rr-client` for pod network latency (bench/podnet.sh),
// `connect-client` for first-packet latency through the service proxy (bench/proxy.sh),
// `proxy-sync [services]` for proxy sync wall and CPU times, and `dns-serve` for the cluster DNS server against NSD
// (bench/dns.sh).
// Run: dotnet run -c Release --project bench/Kinet.Bench -- --filter '*' --job short
using BenchmarkDotNet.Running;
using Kinet.Bench.Store;

if (args is ["pipeline", ..]) return Kinet.Bench.Api.CreatePipelineBenchmarks.Loop(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
if (args is ["api", ..]) return await Kinet.Bench.Api.ApiLoad.RunAsync(args);
if (args is ["controllers", ..]) return await Kinet.Bench.Api.ControllerLoad.RunAsync(args);
if (args is ["fanout", ..]) return await StoreFanOutLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000);
if (args is ["rr-server", var rrPort]) return await Kinet.Bench.Net.RequestResponse.ServerAsync(int.Parse(rrPort, System.Globalization.CultureInfo.InvariantCulture));
if (args is ["rr-client", var rrHost, var rrPort2, ..]) return Kinet.Bench.Net.RequestResponse.Client(rrHost, int.Parse(rrPort2, System.Globalization.CultureInfo.InvariantCulture), args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
if (args is ["connect-client", var ccHost, var ccPort, ..]) return Kinet.Bench.Net.ConnectLatency.Client(ccHost, int.Parse(ccPort, System.Globalization.CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2_000);
if (args is ["dns-serve", ..]) return await Kinet.Bench.Dns.DnsBench.ServeAsync(args);
if (args is ["proxy-sync", ..]) return Kinet.Bench.Proxy.ProxySyncTimes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
if (args is ["memory", ..]) return await StoreMemoryFootprint.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
BenchmarkSwitcher.FromAssembly(typeof(StoreMemoryFootprint).Assembly).Run(args);
return 0;
