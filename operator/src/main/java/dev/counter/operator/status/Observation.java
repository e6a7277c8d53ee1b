package dev.counter.operator.status;

import dev.counter.operator.etcd.MembershipReport;
import dev.counter.operator.validation.Violation;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile saw and decided, from which the status is computed.
 *
 * @param violations broken spec rules; non-empty means nothing was changed in the cluster
 * @param deployment the counter Deployment as cached
 * @param service the counter Service as cached
 * @param stores the stores the operator runs, as cached
 * @param failure why applying the desired state failed, if it did
 * @param pods the counter pods' answers to {@code /ready}; asked only with a shared backend
 * @param membership the managed etcd cluster's membership round, once the cluster has formed
 * @param certificatesNotAfter when the first of the managed etcd's TLS certificates expires
 */
public record Observation(
        List<Violation> violations,
        Optional<Deployment> deployment,
        Optional<Service> service,
        Stores stores,
        Optional<String> failure,
        List<PodReadiness> pods,
        Optional<MembershipReport> membership,
        Optional<Instant> certificatesNotAfter) {

    /** A CounterApp whose store the operator does not run (memory or external). */
    public static Observation of(
            List<Violation> violations,
            Optional<Deployment> deployment,
            Optional<Service> service) {
        return of(violations, deployment, service, Stores.none());
    }

    public static Observation of(
            List<Violation> violations,
            Optional<Deployment> deployment,
            Optional<Service> service,
            Stores stores) {
        return new Observation(
                violations,
                deployment,
                service,
                stores,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
    }

    public Observation withFailure(String message) {
        return new Observation(
                violations,
                deployment,
                service,
                stores,
                Optional.of(message),
                pods,
                membership,
                certificatesNotAfter);
    }

    public Observation withPods(List<PodReadiness> answers) {
        return new Observation(
                violations,
                deployment,
                service,
                stores,
                failure,
                answers,
                membership,
                certificatesNotAfter);
    }

    public Observation withMembership(Optional<MembershipReport> report) {
        return new Observation(
                violations, deployment, service, stores, failure, pods, report, certificatesNotAfter);
    }

    public Observation withCertificatesNotAfter(Optional<Instant> notAfter) {
        return new Observation(
                violations, deployment, service, stores, failure, pods, membership, notAfter);
    }
}
