#!/usr/bin/env bash
# End-to-end controller figures (issue 3): brings up a throwaway cluster with enough workers for the pods (110 pods per
# node, as kubelet's default), runs one scenario through HTTPS, prints the numbers, and takes the cluster down again
# (also on failure). Usage: [DATA_PLANE=kernel] bench/controllers.sh deploy [--replicas 1000] | services [--services 10000]
# The simulated data plane (the default here) measures the control plane alone; DATA_PLANE=kernel adds real pods.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
mode=${1:-deploy}
workers=${WORKERS:-12}
export KINET_HOME=$(mktemp -d -t kinet-bench.XXXXXX)
export KUBECONFIG=$KINET_HOME/kubeconfig
name=bench-$$
trap './kinet down --name "$name" >/dev/null 2>&1 || true; rm -rf "$KINET_HOME"' EXIT
{
  echo "kind: Cluster"; echo "apiVersion: kind.x-k8s.io/v1alpha4"; echo "nodes:"; echo "- role: control-plane"
  for _ in $(seq "$workers"); do echo "- role: worker"; done
} > "$KINET_HOME/cluster.yaml"
./kinet up --name "$name" --config "$KINET_HOME/cluster.yaml" --data-plane "${DATA_PLANE:-simulated}" >/dev/null
state=$KINET_HOME/clusters/$name
dotnet run -c Release --project bench/Kinet.Bench -- controllers "$mode" \
  --server "https://127.0.0.1:$(cat "$state/port")" --token "$(cat "$state/token")" --ca "$state/ca.crt" \
  --pid "$(cat "$state/daemon.pid")" --data-plane "${DATA_PLANE:-simulated}" "${@:2}"
