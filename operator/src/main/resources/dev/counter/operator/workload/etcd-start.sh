# Starts one etcd member; the pod template stays the same for every member count, so how the
# member starts is read from the <app>-etcd-members ConfigMap mounted at MEMBERS_DIR:
#   bootstrap          --initial-cluster of the first cluster
#   bootstrapped       present once that cluster formed: a member without data must then join
#   join.<name>.id     written when the operator adds <name> as a learner: one id per attempt
#   join.<name>.cluster  --initial-cluster of the current members plus <name>
# Other arguments go to etcd as they are. POSIX sh (the etcd image's /bin/sh).
#   MEMBER_NAME, DATA_DIR, MEMBERS_DIR; TERMINATION_LOG (default /dev/termination-log)
set -eu

log="${TERMINATION_LOG:-/dev/termination-log}"
# Beside the data dir, on the same volume: wiping the data dir must not lose it, and etcd
# must not find a foreign file in its data dir.
marker="$DATA_DIR.join-id"
join_id="$MEMBERS_DIR/join.$MEMBER_NAME.id"
join_cluster="$MEMBERS_DIR/join.$MEMBER_NAME.cluster"

if [ -f "$join_id" ] && [ -f "$join_cluster" ]; then
  id="$(cat "$join_id")"
  if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$id" ]; then
    # data of an earlier membership: etcd would start as the removed member and be refused
    echo "join $id: removing stale data of $MEMBER_NAME"
    rm -rf "$DATA_DIR"
    printf '%s\n' "$id" > "$marker"
  fi
  if [ ! -d "$DATA_DIR/member" ]; then
    exec etcd "$@" --initial-cluster="$(cat "$join_cluster")" --initial-cluster-state=existing
  fi
fi
if [ -d "$DATA_DIR/member" ]; then
  exec etcd "$@"
fi
if [ ! -f "$MEMBERS_DIR/bootstrapped" ]; then
  exec etcd "$@" --initial-cluster="$(cat "$MEMBERS_DIR/bootstrap")" --initial-cluster-state=new
fi
message="member $MEMBER_NAME has no data for a bootstrapped cluster"
echo "$message" >&2
printf '%s\n' "$message" > "$log"
exit 1
