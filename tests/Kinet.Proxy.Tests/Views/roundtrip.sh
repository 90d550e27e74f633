#!/usr/bin/env bash
# Checks the iptables golden files against the real tools: each testdata/*.iptables (without its "#" lines and the
# nfacct rules, whose counters do not exist in a fresh namespace) is restored with iptables-restore (ip6tables-restore
# for ipv6.iptables) in a scratch network namespace and must read back from iptables-save byte for byte; a one-Service
# view (*.only.iptables) must restore on its own.
# Needs root and the iptables package (apt-get install iptables); touches nothing outside its own namespace.
set -euo pipefail
cd "$(dirname "$0")/testdata"
ns="kinet-views-roundtrip-$$"
work=$(mktemp -d)
ip netns add "$ns"
trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$work"' EXIT
status=0
for file in *.iptables; do
  tool=iptables
  case "$file" in ipv6*) tool=ip6tables ;; esac
  grep -v '^#' "$file" | grep -v nfacct > "$work/in"
  case "$file" in *.only.iptables)
    ip netns exec "$ns" "$tool-restore" --test < "$work/in" && echo "ok    $file (restores alone)" || status=1
    continue ;;
  esac
  ip netns exec "$ns" "$tool-restore" < "$work/in"
  ip netns exec "$ns" "$tool-save" | grep -v '^#' > "$work/out"
  if diff -u "$work/in" "$work/out" > "$work/diff"; then
    echo "ok    $file"
  else
    echo "DIFF  $file"; cat "$work/diff"; status=1
  fi
done
exit $status
