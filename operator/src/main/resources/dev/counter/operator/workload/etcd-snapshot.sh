# Takes one snapshot of the etcd cluster and prunes old ones. POSIX sh: it runs under busybox in
# the snapshot Job and under the test's sh against a real etcd.
#   ETCD_ENDPOINT    client URL of the cluster (one endpoint: a snapshot comes from one member)
#   SNAPSHOT_DIR     the mounted snapshot volume
#   SNAPSHOT_NAME    the Job's name, so the operator knows the file from the Job alone
#   SNAPSHOT_PREFIX  the CronJob's name: files "$SNAPSHOT_PREFIX-<minute>.db" are scheduled ones
#   RETAIN           how many scheduled snapshots to keep
set -eu

file="$SNAPSHOT_DIR/$SNAPSHOT_NAME.db"
# a snapshot has no time limit (it streams the whole database): fail fast when no member answers
etcdctl --endpoints="$ETCD_ENDPOINT" --dial-timeout=5s --command-timeout=5s endpoint health
# etcdctl writes "$file.part" and renames it when complete: a crash never leaves a partial .db
etcdctl --endpoints="$ETCD_ENDPOINT" --dial-timeout=10s --command-timeout=10m \
  snapshot save "$file"
if ! etcdctl snapshot status "$file"; then
  rm -f "$file"
  echo "the snapshot $file failed verification and was removed" >&2
  exit 1
fi
echo "saved $file"

# Scheduled Jobs are named <cronjob>-<minutes since the epoch>: same width, so sorting the names
# sorts them by time. Snapshots of Jobs created by hand have other names and are never pruned.
ls -1 "$SNAPSHOT_DIR" \
  | grep -E "^$SNAPSHOT_PREFIX-[0-9]+\.db\$" \
  | sort -r \
  | tail -n "+$((RETAIN + 1))" \
  | while read -r old; do
      rm -f "$SNAPSHOT_DIR/$old"
      echo "pruned $old"
    done
