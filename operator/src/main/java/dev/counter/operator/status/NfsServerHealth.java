package dev.counter.operator.status;

import dev.counter.operator.model.Condition;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Names;
import java.util.Optional;

/**
 * The bundled NFS server, when its pods cannot be created (Pod Security, quota) or stay
 * unavailable: the snapshot chain cannot work, whatever its Service and CronJob look like.
 */
final class NfsServerHealth {

    private NfsServerHealth() {}

    /** Degraded=True with the Deployment's own message; empty while the server is fine. */
    static Optional<Condition> degraded(CounterApp app, Stores stores) {
        return stores.nfsServer()
                .flatMap(WorkloadHealth::failure)
                .map(
                        failure ->
                                new Condition(
                                        ConditionTypes.DEGRADED,
                                        true,
                                        failure.getReason(),
                                        "the NFS server Deployment "
                                                + Names.nfsServer(app)
                                                + ": "
                                                + failure.getMessage()));
    }
}
