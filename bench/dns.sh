#!/usr/bin/env bash
# Cluster DNS throughput and latency (issue 5): Kinet's DNS server against NSD, an authoritative reference server,
# in the same run, on the same machine, with the same records and the same query file. Kinet.Bench `dns-serve` builds a
# synthetic cluster (default 10,000 Services x 10 endpoints), serves it on 127.0.0.1:$KPORT and writes the dnsperf
# query file (A of ClusterIP and headless Services, SRV, NXDOMAIN) and the zone file of every answer they get, which NSD
# loads. dnsperf runs flat out for QPS (three alternating rounds, the median reported), then at a fixed rate with
# per-query output for latency percentiles. NSD runs one process per core with SO_REUSEPORT and response rate limiting off (its default of
# 200 qps per client network would drop most of the benchmark's queries). Prints the Kinet server's RSS. Installs dnsperf and nsd from Debian if missing. Needs root (apt).
# Usage: bench/dns.sh [services=10000] [endpoints=10] [seconds=15]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
services=${1:-10000}
endpoints=${2:-10}
seconds=${3:-10}
kport=15353
nport=15354
rate=10000

if ! command -v dnsperf >/dev/null || ! command -v nsd >/dev/null; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dnsperf nsd >/dev/null
fi

work=$(mktemp -d -t kinet-dnsbench.XXXXXX)
kpid=; npid=
cleanup() {
  [[ -n $kpid ]] && kill "$kpid" 2>/dev/null || true
  [[ -n $npid ]] && kill "$npid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release bench/Kinet.Bench -o "$work/bench" --nologo -v quiet >/dev/null
dotnet "$work/bench/Kinet.Bench.dll" dns-serve "$work" "$kport" "$services" "$endpoints" 2>"$work/kinet.log" &
kpid=$!
for _ in $(seq 600); do [[ -f $work/ready ]] && break; kill -0 "$kpid" 2>/dev/null || { cat "$work/kinet.log"; exit 1; }; sleep 0.1; done
[[ -f $work/ready ]] || { echo "Kinet DNS did not start" >&2; cat "$work/kinet.log"; exit 1; }

mkdir -p "$work/nsd"
cat >"$work/nsd/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$nport
  server-count: $(nproc)
  reuseport: yes
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  zonelistfile: "$work/nsd/zone.list"
  xfrdfile: "$work/nsd/xfrd.state"
  pidfile: "$work/nsd/nsd.pid"
  logfile: "$work/nsd/nsd.log"
  hide-version: yes
remote-control:
  control-enable: no
zone:
  name: cluster.local
  zonefile: cluster.local.zone
CONF
nsd -d -c "$work/nsd/nsd.conf" &
npid=$!
nsd_up() { dig @127.0.0.1 -p "$nport" +time=1 +tries=1 cluster.local SOA 2>/dev/null | grep -q 'status: NOERROR'; }
for _ in $(seq 300); do nsd_up && break; sleep 0.2; done
nsd_up || { echo "NSD did not start" >&2; cat "$work/nsd/nsd.log" >&2; exit 1; }

# Both answer the same first query identically (a sanity check, not a benchmark).
first=$(head -1 "$work/queries.txt")
for p in $kport $nport; do dig @127.0.0.1 -p "$p" +noall +answer $first | sort >"$work/sanity.$p"; done
diff -q "$work/sanity.$kport" "$work/sanity.$nport" >/dev/null || { echo "warning: Kinet and NSD answer '$first' differently:" >&2; cat "$work/sanity."* >&2; }

qps() { awk '/Queries per second/ {print $4}' "$1"; }
avg() { awk '/Average Latency/ {printf "%.3f", $4*1000}' "$1"; }
lost() { awk '/Queries lost/ {print $3}' "$1"; }
pct() { # percentiles of the per-query latencies dnsperf -v prints as the last field of "> RCODE name type latency"
  awk '/^> / {print $NF*1000}' "$1" | sort -n | awk '{a[NR]=$1} END {printf "p50 %.3f  p90 %.3f  p99 %.3f", a[int(NR*0.5)], a[int(NR*0.9)], a[int(NR*0.99)]}'
}
maxrun() { # name port round
  dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries.txt" -l "$seconds" -c 4 -T 1 -q 100 -t 1 >"$work/$1.max.$3" 2>&1
}
# Warm up (JIT, Kinet's response cache, NSD's pages), then alternate the servers for three rounds and take the median
# round of each, so that a burst of other load on the machine does not decide the comparison.
for s in kinet:$kport nsd:$nport; do dnsperf -s 127.0.0.1 -p "${s#*:}" -d "$work/queries.txt" -l 3 -c 4 -T 1 -q 100 -t 1 >/dev/null 2>&1; done
for r in 1 2 3; do maxrun kinet "$kport" $r; maxrun nsd "$nport" $r; done
for s in kinet nsd; do
  m=$(for r in 1 2 3; do echo "$(qps "$work/$s.max.$r") $r"; done | sort -n | sed -n 2p | cut -d' ' -f2)
  cp "$work/$s.max.$m" "$work/$s.max"
  for r in 1 2 3; do qps "$work/$s.max.$r"; done | tr '\n' ' ' >"$work/$s.rounds"
  dnsperf -s 127.0.0.1 -p "$([[ $s == kinet ]] && echo "$kport" || echo "$nport")" -d "$work/queries.txt" -l 5 -c 1 -T 1 -Q "$rate" -v >"$work/$s.lat" 2>&1
done
rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$kpid/status")

echo "DNS: $services Services x $endpoints endpoints, $(wc -l <"$work/queries.txt") queries (60% A ClusterIP, 15% A headless, 15% SRV, 10% NXDOMAIN), $(nproc) cores"
echo "Kinet record logic: $(cat "$work/ready")"
printf '%-6s %12s %10s %14s   %-40s %s\n' server "QPS(median)" "lost" "avg ms(max)" "latency at $rate qps (ms)" "QPS of each round"
for s in kinet nsd; do
  printf '%-6s %12s %10s %14s   %-40s %s\n' "$s" "$(qps "$work/$s.max")" "$(lost "$work/$s.max")" "$(avg "$work/$s.max")" "$(pct "$work/$s.lat")" "$(cat "$work/$s.rounds")"
done
awk -v k="$(qps "$work/kinet.max")" -v n="$(qps "$work/nsd.max")" 'BEGIN {printf "ratio kinet/nsd: %.2f\n", k/n}'
echo "Kinet DNS server RSS with $services Services: $rss MiB ($(grep 'managed heap' "$work/kinet.log"))"
