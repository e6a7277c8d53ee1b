# Restores a new etcd member from a snapshot before its first start; a member that already has
# data is left alone, so restarts never roll the cluster back. POSIX sh (busybox in the pod).
#   DATA_DIR         the member's --data-dir
#   SNAPSHOT_FILE    the snapshot on the mounted snapshot volume
#   MEMBERS_DIR      the members ConfigMap: bootstrap (the first cluster), bootstrapped
#   MEMBER_NAME, CLUSTER_TOKEN, PEER_URL   the member's bootstrap flags
set -eu

if [ -d "$DATA_DIR/member" ]; then
  echo "$DATA_DIR holds member data already; not restoring"
  exit 0
fi
# Only the first cluster is restored. A member that lost its data later, or one added by a
# scale-up, joins the running cluster (etcd-start.sh): a restored copy would come back with the
# member ID of the bootstrap and an older log than it once acknowledged.
if [ -f "$MEMBERS_DIR/bootstrapped" ]; then
  echo "the cluster formed already: $MEMBER_NAME joins it instead of restoring"
  exit 0
fi
if [ ! -f "$SNAPSHOT_FILE" ]; then
  echo "cannot restore: $SNAPSHOT_FILE is not on the snapshot volume" >&2
  exit 1
fi
# the snapshot Job wrote the checksum once the snapshot passed "snapshot status": a missing or
# different checksum means a partial, corrupted or foreign file, and etcd must not start from it
fail_checksum() {
  echo "$1" >&2
  echo "$1" >"${TERMINATION_LOG:-/dev/termination-log}" || true
  exit 1
}
if [ ! -f "$SNAPSHOT_FILE.sha256" ]; then
  fail_checksum "cannot restore: $SNAPSHOT_FILE has no checksum file $SNAPSHOT_FILE.sha256"
fi
expected=$(cut -d ' ' -f 1 <"$SNAPSHOT_FILE.sha256")
actual=$(sha256sum "$SNAPSHOT_FILE" | cut -d ' ' -f 1)
if [ "$expected" != "$actual" ]; then
  fail_checksum "cannot restore: $SNAPSHOT_FILE has sha256 $actual, its checksum file says $expected"
fi
# Restore beside the data directory and rename it into place: an interrupted restore never
# leaves a half-written data directory that etcd would start from.
partial="$DATA_DIR.restoring"
rm -rf "$partial"
# etcd 3.6 moved snapshot restore from etcdctl to etcdutl (3.5 has both, 3.4 only etcdctl)
restore_tool=etcdctl
if command -v etcdutl >/dev/null 2>&1; then
  restore_tool=etcdutl
fi
"$restore_tool" snapshot restore "$SNAPSHOT_FILE" \
  --name "$MEMBER_NAME" \
  --initial-cluster "$(cat "$MEMBERS_DIR/bootstrap")" \
  --initial-cluster-token "$CLUSTER_TOKEN" \
  --initial-advertise-peer-urls "$PEER_URL" \
  --data-dir "$partial"
rm -rf "$DATA_DIR"
mv "$partial" "$DATA_DIR"
echo "restored $MEMBER_NAME from $SNAPSHOT_FILE"
