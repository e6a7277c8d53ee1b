# Takes one snapshot of the etcd cluster, proves it and prunes old ones. POSIX sh: it runs under
# busybox in the snapshot Job and under the test's sh against a real etcd.
#   ETCD_ENDPOINT    client URL of the cluster (one endpoint: a snapshot comes from one member)
#   SNAPSHOT_DIR     the mounted snapshot volume
#   SNAPSHOT_NAME    the Job's name, so the operator knows the file from the Job alone
#   SNAPSHOT_PREFIX  the CronJob's name: files "$SNAPSHOT_PREFIX-<minute>.db" are scheduled ones
#   RETAIN           how many verified scheduled snapshots to keep
#   TERMINATION_LOG  where the proof goes (default /dev/termination-log, read by the operator)
set -eu

file="$SNAPSHOT_DIR/$SNAPSHOT_NAME.db"
termination_log="${TERMINATION_LOG:-/dev/termination-log}"

fail() {
  rm -f "$file" "$file.sha256"
  echo "$1" >&2
  # the pod's termination message then says why the Job failed, not just that it did
  echo "$1" >"$termination_log" || true
  exit 1
}

# a snapshot has no time limit (it streams the whole database): fail fast when no member answers
etcdctl --endpoints="$ETCD_ENDPOINT" --dial-timeout=5s --command-timeout=5s endpoint health
# etcdctl writes "$file.part" and renames it when complete: a crash never leaves a partial .db
etcdctl --endpoints="$ETCD_ENDPOINT" --dial-timeout=10s --command-timeout=10m \
  snapshot save "$file"

size=$(wc -c <"$file" | tr -d ' ')
if [ "$size" -eq 0 ]; then
  fail "the snapshot $file is empty and was removed"
fi
# etcd 3.5 deprecates "etcdctl snapshot status" for etcdutl; 3.4 has only etcdctl
if command -v etcdutl >/dev/null 2>&1; then
  status=$(etcdutl snapshot status "$file" -w json) || status=""
else
  status=$(etcdctl snapshot status "$file" -w json) || status=""
fi
field() {
  printf '%s' "$status" | sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p"
}
hash=$(field hash)
revision=$(field revision)
total_keys=$(field totalKey)
total_size=$(field totalSize)
if [ -z "$hash" ] || [ -z "$revision" ] || [ -z "$total_keys" ] || [ -z "$total_size" ]; then
  fail "the snapshot $file failed verification (snapshot status) and was removed"
fi
sha256=$(sha256sum "$file" | cut -d ' ' -f 1)
# the checksum file marks the snapshot verified: retention and restore trust only such files
printf '%s  %s\n' "$sha256" "$SNAPSHOT_NAME.db" >"$file.sha256.part"
mv "$file.sha256.part" "$file.sha256"
printf '{"file":"%s","size":%s,"sha256":"%s","hash":%s,"revision":%s,"totalKeys":%s,"totalSize":%s}\n' \
  "$SNAPSHOT_NAME.db" "$size" "$sha256" "$hash" "$revision" "$total_keys" "$total_size" \
  >"$termination_log"
echo "saved $file ($size bytes, sha256 $sha256, revision $revision)"

# Scheduled Jobs are named <cronjob>-<minutes since the epoch>: same width, so sorting the names
# sorts them by time. Snapshots of Jobs created by hand have other names and are never pruned.
# Only verified snapshots count as kept, and the newest verified one survives any RETAIN.
keep=$RETAIN
if [ "$keep" -lt 1 ]; then
  keep=1
fi
kept=0
ls -1 "$SNAPSHOT_DIR" \
  | grep -E "^$SNAPSHOT_PREFIX-[0-9]+\.db\$" \
  | sort -r \
  | while read -r name; do
      if [ ! -f "$SNAPSHOT_DIR/$name.sha256" ]; then
        # unverified: a failed or still running Job's file; older than a kept one it is garbage
        if [ "$kept" -gt 0 ]; then
          rm -f "$SNAPSHOT_DIR/$name"
          echo "pruned unverified $name"
        fi
        continue
      fi
      if [ "$kept" -lt "$keep" ]; then
        kept=$((kept + 1))
        continue
      fi
      rm -f "$SNAPSHOT_DIR/$name" "$SNAPSHOT_DIR/$name.sha256"
      echo "pruned $name"
    done
