#!/usr/bin/env bash
# The service proxy's data-path figures (issue 6), each against its comparison in the same run, on a throwaway kernel
# cluster (3 nodes, routed) that is removed on exit, also on failure. Needs root.
#   bench/proxy.sh path    iperf3 (TCP, 5 s, 3 runs) and a TCP request/response loop (Kinet.Bench rr, 5 s, 3 runs) from
#                          a pod on one worker to a pod on the other: through the Service's ClusterIP vs straight to the
#                          pod IP.
#   bench/proxy.sh scale [N]  first-packet latency (Kinet.Bench connect-client: 3 x 3,000 new TCP connections) to a
#                          ClusterIP with 10 Services, then with N (default 10,000) Services x 10 endpoints on the
#                          cluster; prints the ratio, and how long the nodes' proxies took to program the N Services.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
what=${1:-path}
count=${2:-10000}
export KINET_HOME=$(mktemp -d -t kinet-bench.XXXXXX)
export KUBECONFIG=$KINET_HOME/kubeconfig
name=bpx-$$
cleanup() { ./kinet down --name "$name" >/dev/null 2>&1 || true; rm -rf "$KINET_HOME"; }
trap cleanup EXIT

dotnet build -c Release bench/Kinet.Bench -o "$KINET_HOME/bench" --nologo -v quiet >/dev/null
bench="dotnet $KINET_HOME/bench/Kinet.Bench.dll"
printf 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n' >"$KINET_HOME/cluster.yaml"
./kinet up --name "$name" --config "$KINET_HOME/cluster.yaml" --data-plane kernel >/dev/null
netns() { echo "kinet-$name-pod-$(kubectl get pod "$1" -o jsonpath='{.metadata.uid}')"; }
node_ns() { echo "kinet-$name-$1"; }
echo "# service proxy, $what, $(nproc) cores, $(uname -r)"

if [[ $what == path ]]; then
  kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeName: $name-worker
  terminationGracePeriodSeconds: 1
  containers: [{name: main, image: nicolaka/netshoot, command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: server, labels: {app: server}}
spec:
  nodeName: $name-worker2
  terminationGracePeriodSeconds: 1
  containers: [{name: main, image: nicolaka/netshoot, command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Service
metadata: {name: server}
spec:
  selector: {app: server}
  ports: [{name: iperf, port: 5202}, {name: rr, port: 7000}]
EOF
  kubectl wait --for=condition=Ready pod/client pod/server --timeout=60s >/dev/null
  client=$(netns client); server=$(netns server)
  pod_ip=$(kubectl get pod server -o jsonpath='{.status.podIP}')
  svc_ip=$(kubectl get svc server -o jsonpath='{.spec.clusterIP}')
  ip netns exec "$server" iperf3 -s -D -p 5202 --logfile /dev/null
  ip netns exec "$server" $bench rr-server 7000 >/dev/null &
  rr=$!
  sleep 1.5
  for target in "pod IP $pod_ip" "ClusterIP $svc_ip"; do
    addr=${target##* }
    for i in 1 2 3; do
      gbit=$(ip netns exec "$client" iperf3 -c "$addr" -p 5202 -t 5 -J | python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9))')
      echo "$target: iperf3 run $i: $gbit Gbit/s"
    done
    for i in 1 2 3; do echo "$target: $(ip netns exec "$client" $bench rr-client "$addr" 7000 5)"; done
  done
  kill "$rr" 2>/dev/null || true
  pkill -f "iperf3 -s -D -p 5202" || true
  exit 0
fi

# scale: 10 backends on worker2 behind every Service; the client on worker measures connects to svc-0.
kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeName: $name-worker
  terminationGracePeriodSeconds: 1
  containers: [{name: main, image: nicolaka/netshoot, command: [sleep, "3600"]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: backend}
spec:
  replicas: 10
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec:
      nodeName: $name-worker2
      containers: [{name: main, image: registry.k8s.io/e2e-test-images/agnhost:2.53, args: [netexec, --http-port=8080], ports: [{containerPort: 8080}]}]
EOF
services() { # from to
  python3 - "$1" "$2" <<'PY' >"$KINET_HOME/services.json"
import json, sys
a, b = int(sys.argv[1]), int(sys.argv[2])
items = [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": f"svc-{i}"},
          "spec": {"selector": {"app": "backend"}, "ports": [{"port": 80, "targetPort": 8080}]}} for i in range(a, b)]
print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
PY
  # Four kubectl processes at once (a List is created one POST at a time).
  python3 - "$KINET_HOME/services.json" <<'PY'
import json, sys
items = json.load(open(sys.argv[1]))["items"]
for k in range(4):
    json.dump({"apiVersion": "v1", "kind": "List", "items": items[k::4]}, open(f"{sys.argv[1]}.{k}", "w"))
PY
  for k in 0 1 2 3; do kubectl create -f "$KINET_HOME/services.json.$k" >/dev/null & done
  wait
}
programmed() { ip netns exec "$(node_ns "$name-worker")" nft list map ip kube-proxy service-ips 2>/dev/null | grep -c ' : goto ' || true; }
services 0 10
kubectl wait --for=condition=Ready pod/client --timeout=60s >/dev/null
kubectl rollout status deploy/backend --timeout=120s >/dev/null
client=$(netns client)
svc_ip=$(kubectl get svc svc-0 -o jsonpath='{.spec.clusterIP}')
until [[ $(programmed) -ge 10 ]]; do sleep 0.2; done
small=()
for i in 1 2 3; do r=$(ip netns exec "$client" $bench connect-client "$svc_ip" 80 3000); echo "10 Services: $r"; small+=("$(sed -E 's/.*mean ([0-9.]+) us.*/\1/' <<<"$r")"); done

start=$(date +%s.%N)
services 10 "$count"
created=$(date +%s.%N)
until [[ $(programmed) -ge $count ]]; do sleep 0.5; done
done_at=$(date +%s.%N)
echo "created $((count - 10)) more Services in $(python3 -c "print('%.1f' % ($created - $start))") s; all $count programmed on $name-worker $(python3 -c "print('%.1f' % ($done_at - $created))") s after the last create"
large=()
for i in 1 2 3; do r=$(ip netns exec "$client" $bench connect-client "$svc_ip" 80 3000); echo "$count Services: $r"; large+=("$(sed -E 's/.*mean ([0-9.]+) us.*/\1/' <<<"$r")"); done
python3 - "${small[@]}" "${large[@]}" <<'PY'
import sys, statistics
v = [float(x) for x in sys.argv[1:]]
s, l = statistics.median(v[:3]), statistics.median(v[3:])
print(f"first-packet latency (median of run means): 10 Services {s:.1f} us, many Services {l:.1f} us, ratio {l/s:.3f}")
PY
