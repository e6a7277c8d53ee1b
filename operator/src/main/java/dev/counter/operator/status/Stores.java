package dev.counter.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator's caches hold of the stores it runs.
 *
 * @param redis the Redis StatefulSet
 * @param etcd the etcd StatefulSet
 * @param nfsServer the bundled NFS server's Deployment
 * @param nfsExport the snapshot export as {@code server:path}, once known (the bundled NFS server's
 *     Service has a cluster IP)
 * @param snapshotCronJob the snapshot CronJob
 * @param snapshotJobs the CronJob's Jobs
 * @param podCreationFailures why a store StatefulSet cannot create its pods, by StatefulSet name
 * @param snapshotMessages the termination message of each snapshot Job's pod, by Job name
 */
public record Stores(
        Optional<StatefulSet> redis,
        Optional<StatefulSet> etcd,
        Optional<Deployment> nfsServer,
        Optional<String> nfsExport,
        Optional<CronJob> snapshotCronJob,
        List<Job> snapshotJobs,
        Map<String, String> podCreationFailures,
        Map<String, String> snapshotMessages) {

    public Stores(
            Optional<StatefulSet> redis,
            Optional<StatefulSet> etcd,
            Optional<Deployment> nfsServer,
            Optional<String> nfsExport,
            Optional<CronJob> snapshotCronJob,
            List<Job> snapshotJobs,
            Map<String, String> podCreationFailures) {
        this(
                redis,
                etcd,
                nfsServer,
                nfsExport,
                snapshotCronJob,
                snapshotJobs,
                podCreationFailures,
                Map.of());
    }

    public static Stores none() {
        return new Stores(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Map.of());
    }
}
