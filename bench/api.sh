#!/usr/bin/env bash
# End-to-end API figures (issue 2): brings up a throwaway cluster, loads it through HTTPS with 10,000 pods, prints the
# numbers, and takes the cluster down again (also on failure). Usage: bench/api.sh [pods]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
pods=${1:-10000}
export KINET_HOME=$(mktemp -d -t kinet-bench.XXXXXX)
export KUBECONFIG=$KINET_HOME/kubeconfig
name=bench-$$
trap './kinet down --name "$name" >/dev/null 2>&1 || true; rm -rf "$KINET_HOME"' EXIT
./kinet up --name "$name" >/dev/null
state=$KINET_HOME/clusters/$name
dotnet run -c Release --project bench/Kinet.Bench -- api \
  --server "https://127.0.0.1:$(cat "$state/port")" --token "$(cat "$state/token")" --ca "$state/ca.crt" \
  --pods "$pods" --pid "$(cat "$state/daemon.pid")" "${@:2}"
