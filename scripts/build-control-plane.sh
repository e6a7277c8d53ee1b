#!/usr/bin/env bash
# Builds the Kubernetes control plane the end-to-end suite runs (kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl) and KWOK from the Go module proxy into a cache outside the work tree.
# Release binaries cannot be downloaded here; the module proxy serves the source. Later runs reuse the
# cache: a complete cache is detected by a stamp file and the script returns at once.
# Usage: build-control-plane.sh            prints the cache directory on its last line
# Environment: E2E_CACHE (default ~/.cache/counter-operator/e2e), K8S_VERSION, KWOK_VERSION.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-1.34.4}
KWOK_VERSION=${KWOK_VERSION:-0.8.0}
CACHE=${E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/counter-operator/e2e}
ARCH=$(go env GOARCH 2>/dev/null || echo amd64)
BIN="$CACHE/k8s/$K8S_VERSION-linux-$ARCH"   # the layout io.fabric8:kube-api-test expects
KWOK_DIR="$CACHE/kwok-$KWOK_VERSION"
STAMP="$CACHE/.complete-$K8S_VERSION-$KWOK_VERSION"

say() { printf '[control-plane] %s\n' "$*" >&2; }

if [ -f "$STAMP" ]; then
  echo "$CACHE"
  exit 0
fi
command -v go >/dev/null || { say "error: go is not installed; the control plane is built from the Go module proxy"; exit 1; }
command -v etcd >/dev/null || { say "error: etcd is not installed (Debian: etcd-server); make deps installs it"; exit 1; }
mkdir -p "$BIN" "$KWOK_DIR"
export GOFLAGS=-mod=mod GOWORK=off GOTOOLCHAIN=local

start=$(date +%s)
if [ ! -x "$BIN/kube-apiserver" ] || [ ! -x "$BIN/kube-controller-manager" ] \
    || [ ! -x "$BIN/kube-scheduler" ] || [ ! -x "$BIN/kubectl" ]; then
  say "downloading k8s.io/kubernetes@v$K8S_VERSION source from the Go module proxy (~700 MB of modules)"
  src_dir=$(GOFLAGS= go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src_dir" ] || { say "error: go mod download gave no source directory"; exit 1; }
  work="$CACHE/src-$K8S_VERSION"
  rm -rf "$work"
  cp -r "$src_dir" "$work"
  chmod -R u+w "$work"
  rm -f "$work/go.work" "$work/go.work.sum"
  # the staging repositories are not in the module zip: take the published k8s.io/X v0.<minor>.<patch>
  sed -i -E "s#^(\s*k8s\.io/[a-z0-9-]+) => \./staging/src/k8s\.io/[a-z0-9-]+#\1 => \1 v0.${K8S_VERSION#*.}#" "$work/go.mod"
  ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION"
  ldflags+=" -X k8s.io/component-base/version.gitMajor=${K8S_VERSION%%.*}"
  minor=${K8S_VERSION#*.}; ldflags+=" -X k8s.io/component-base/version.gitMinor=${minor%%.*}"
  for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    say "building $cmd (the first build compiles most of Kubernetes: ~15 minutes on 2 cores)"
    (cd "$work" && go build -trimpath -ldflags "$ldflags" -o "$BIN/$cmd" "./cmd/$cmd")
    say "built $cmd after $(( $(date +%s) - start )) s"
  done
  rm -rf "$work"
fi
ln -sf "$(command -v etcd)" "$BIN/etcd"

if [ ! -x "$KWOK_DIR/kwok" ]; then
  say "building kwok v$KWOK_VERSION"
  GOBIN="$KWOK_DIR" go install "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
fi
# KWOK simulates nothing without stage definitions: take the ones its module ships
kwok_src=$(GOFLAGS= go mod download -json "sigs.k8s.io/kwok@v$KWOK_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
mkdir -p "$KWOK_DIR/stages"
: > "$KWOK_DIR/stages.yaml"
for stage in node/fast node/heartbeat pod/fast; do
  for f in "$kwok_src/kustomize/stage/$stage"/*.yaml; do
    [ "$(basename "$f")" = kustomization.yaml ] && continue
    { echo "---"; cat "$f"; } >> "$KWOK_DIR/stages.yaml"
  done
done
say "control plane ready in $CACHE after $(( $(date +%s) - start )) s"
touch "$STAMP"
echo "$CACHE"
