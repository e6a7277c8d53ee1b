package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.NfsSpec;
import dev.counter.operator.model.SnapshotsSpec;
import dev.counter.operator.workload.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The etcd cluster the operator runs: an odd member count that can keep a quorum, and snapshots and
 * restores that can work. The CRD says the same in CEL; a CounterApp stored under an older CRD is
 * held to it here.
 */
final class ManagedEtcdCheck implements SpecCheck {

    static final String INVALID_MEMBERS = "InvalidEtcdMembers";
    static final String MANAGED_ONLY = "SnapshotsNeedManagedEtcd";
    static final String RESTORE_NEEDS_SNAPSHOTS = "RestoreNeedsSnapshots";
    static final String INVALID_SNAPSHOTS = "InvalidSnapshots";

    private static final Set<Integer> MEMBERS = Set.of(1, 3, 5);
    private static final Pattern CRON = Pattern.compile("^\\S+(\\s+\\S+){4}$");
    private static final Pattern FILE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    @Override
    public List<Violation> check(CounterAppSpec spec) {
        if (Backends.externalEtcd(spec)) {
            return checkExternal(Backends.etcd(spec));
        }
        if (!Backends.managedEtcd(spec)) {
            return List.of();
        }
        EtcdSpec etcd = Backends.etcd(spec);
        var violations = new ArrayList<Violation>();
        if (etcd.getMembers() != null && !MEMBERS.contains(etcd.getMembers())) {
            violations.add(
                    new Violation(
                            INVALID_MEMBERS,
                            "spec.etcd.members",
                            EtcdSpec.MEMBERS_MESSAGE
                                    + " (spec.etcd.members: "
                                    + etcd.getMembers()
                                    + ")"));
        }
        String restoreFrom = etcd.getRestoreFrom();
        if (restoreFrom != null && !Backends.snapshotsEnabled(spec)) {
            violations.add(
                    new Violation(
                            RESTORE_NEEDS_SNAPSHOTS,
                            "spec.etcd.restoreFrom",
                            EtcdSpec.RESTORE_NEEDS_SNAPSHOTS_MESSAGE));
        }
        if (restoreFrom != null && !FILE_NAME.matcher(restoreFrom).matches()) {
            violations.add(
                    new Violation(
                            INVALID_SNAPSHOTS,
                            "spec.etcd.restoreFrom",
                            "spec.etcd.restoreFrom must be a file name on the snapshot volume,"
                                + " without directories: "
                                    + restoreFrom));
        }
        if (Backends.snapshotsEnabled(spec)) {
            violations.addAll(checkSnapshots(Backends.snapshots(spec)));
        }
        return violations;
    }

    private static List<Violation> checkExternal(EtcdSpec etcd) {
        boolean snapshots =
                etcd.getSnapshots() != null
                        && Boolean.TRUE.equals(etcd.getSnapshots().getEnabled());
        if (snapshots || etcd.getRestoreFrom() != null) {
            return List.of(
                    new Violation(
                            MANAGED_ONLY, "spec.etcd.snapshots", EtcdSpec.MANAGED_ONLY_MESSAGE));
        }
        return List.of();
    }

    private static List<Violation> checkSnapshots(SnapshotsSpec snapshots) {
        var violations = new ArrayList<Violation>();
        if (snapshots.getSchedule() != null && !CRON.matcher(snapshots.getSchedule()).matches()) {
            violations.add(
                    new Violation(
                            INVALID_SNAPSHOTS,
                            "spec.etcd.snapshots.schedule",
                            "spec.etcd.snapshots.schedule must be a cron schedule of five fields: "
                                    + snapshots.getSchedule()));
        }
        if (snapshots.getRetain() != null && snapshots.getRetain() < 1) {
            violations.add(
                    new Violation(
                            INVALID_SNAPSHOTS,
                            "spec.etcd.snapshots.retain",
                            "spec.etcd.snapshots.retain must be at least 1: "
                                    + snapshots.getRetain()));
        }
        NfsSpec nfs = snapshots.getNfs();
        if (nfs != null
                && (isBlank(nfs.getServer())
                        || isBlank(nfs.getPath())
                        || !nfs.getPath().startsWith("/"))) {
            violations.add(
                    new Violation(
                            INVALID_SNAPSHOTS,
                            "spec.etcd.snapshots.nfs",
                            "spec.etcd.snapshots.nfs needs a server and an absolute path"));
        }
        return violations;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
