#!/usr/bin/env bash
# Pod-to-pod throughput and latency across nodes (issue 4), against the physical limit measured in the same run: two
# bare network namespaces joined by one veth pair. Brings up a throwaway kernel cluster in the given mode (routed or
# vxlan), puts one pod on each worker, and runs iperf3 (TCP, 5 s, 3 times) and a TCP request/response loop
# (Kinet.Bench rr, 5 s, 3 times) between them from inside the pods' network namespaces; then the same between the bare
# namespaces. Everything it made is removed on exit, also on failure. Needs root.
# Usage: bench/podnet.sh [routed|vxlan]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
mode=${1:-routed}
export KINET_HOME=$(mktemp -d -t kinet-bench.XXXXXX)
export KUBECONFIG=$KINET_HOME/kubeconfig
name=bnet-$$
base_a=kbench-$$-a
base_b=kbench-$$-b
cleanup() {
  ./kinet down --name "$name" >/dev/null 2>&1 || true
  ip netns del "$base_a" 2>/dev/null || true
  ip netns del "$base_b" 2>/dev/null || true
  rm -rf "$KINET_HOME"
}
trap cleanup EXIT

dotnet build -c Release bench/Kinet.Bench -o "$KINET_HOME/bench" --nologo -v quiet >/dev/null
bench="dotnet $KINET_HOME/bench/Kinet.Bench.dll"

printf 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  kinetMode: %s\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n' "$mode" >"$KINET_HOME/cluster.yaml"
./kinet up --name "$name" --config "$KINET_HOME/cluster.yaml" --data-plane kernel >/dev/null
for p in a b; do
  node=$name-worker; [[ $p == b ]] && node=$name-worker2
  kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: pod-$p}
spec:
  nodeName: $node
  terminationGracePeriodSeconds: 1
  containers: [{name: main, image: nicolaka/netshoot, command: [sleep, "3600"]}]
EOF
done
kubectl wait --for=condition=Ready pod/pod-a pod/pod-b --timeout=60s >/dev/null
netns() { echo "kinet-$name-pod-$(kubectl get pod "$1" -o jsonpath='{.metadata.uid}')"; }
ns_a=$(netns pod-a); ns_b=$(netns pod-b)
ip_b=$(kubectl get pod pod-b -o jsonpath='{.status.podIP}')

# The physical limit: two namespaces and one veth, nothing else.
ip netns add "$base_a"; ip netns add "$base_b"
ip -n "$base_a" link add eth0 type veth peer name eth0 netns "$base_b"
ip -n "$base_a" addr add 192.168.77.1/30 dev eth0; ip -n "$base_b" addr add 192.168.77.2/30 dev eth0
for n in "$base_a" "$base_b"; do ip -n "$n" link set lo up; ip -n "$n" link set eth0 up; done

measure() { # label client-ns server-ns server-ip
  local label=$1 client=$2 server=$3 addr=$4
  ip netns exec "$server" iperf3 -s -D -p 5202 --logfile /dev/null
  sleep 0.3
  for i in 1 2 3; do
    gbit=$(ip netns exec "$client" iperf3 -c "$addr" -p 5202 -t 5 -J | python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9))')
    echo "$label: iperf3 run $i: $gbit Gbit/s"
  done
  pkill -f "iperf3 -s -D -p 5202" || true
  ip netns exec "$server" $bench rr-server 7000 >/dev/null &
  local rr=$!
  sleep 1.5
  for i in 1 2 3; do echo "$label: $(ip netns exec "$client" $bench rr-client "$addr" 7000 5)"; done
  kill "$rr" 2>/dev/null || true
}

echo "# pod-to-pod across nodes, $mode mode, $(nproc) cores, $(uname -r)"
measure "pods ($mode)" "$ns_a" "$ns_b" "$ip_b"
measure "bare veth" "$base_a" "$base_b" 192.168.77.2
