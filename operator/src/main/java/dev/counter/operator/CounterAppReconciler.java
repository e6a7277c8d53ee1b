package dev.counter.operator;

import dev.counter.operator.dependent.AlertsEnabledCondition;
import dev.counter.operator.dependent.BundledNfsCondition;
import dev.counter.operator.dependent.ConfigMapDependent;
import dev.counter.operator.dependent.DeploymentDependent;
import dev.counter.operator.dependent.EtcdClientServiceDependent;
import dev.counter.operator.dependent.EtcdDisruptionBudgetDependent;
import dev.counter.operator.dependent.EtcdMembersConfigMapDependent;
import dev.counter.operator.dependent.EtcdPeerServiceDependent;
import dev.counter.operator.dependent.EtcdStatefulSetDependent;
import dev.counter.operator.dependent.IngressDependent;
import dev.counter.operator.dependent.IngressEnabledCondition;
import dev.counter.operator.dependent.ManagedEtcdCondition;
import dev.counter.operator.dependent.ManagedRedisCondition;
import dev.counter.operator.dependent.MonitoringCrdPresent;
import dev.counter.operator.dependent.MonitoringEnabledCondition;
import dev.counter.operator.dependent.NfsDataClaimDependent;
import dev.counter.operator.dependent.NfsExport;
import dev.counter.operator.dependent.NfsServerDeploymentDependent;
import dev.counter.operator.dependent.NfsServiceDependent;
import dev.counter.operator.dependent.PrometheusRuleDependent;
import dev.counter.operator.dependent.RedisDataClaimDependent;
import dev.counter.operator.dependent.RedisPersistenceCondition;
import dev.counter.operator.dependent.RedisSecretDependent;
import dev.counter.operator.dependent.RedisServiceDependent;
import dev.counter.operator.dependent.RedisStatefulSetDependent;
import dev.counter.operator.dependent.ServiceDependent;
import dev.counter.operator.dependent.ServiceMonitorDependent;
import dev.counter.operator.dependent.SnapshotClaimDependent;
import dev.counter.operator.dependent.SnapshotCronJobDependent;
import dev.counter.operator.dependent.SnapshotVolumeCondition;
import dev.counter.operator.dependent.SnapshotVolumeDependent;
import dev.counter.operator.dependent.SnapshotsEnabledCondition;
import dev.counter.operator.etcd.EtcdMembership;
import dev.counter.operator.etcd.MembershipReport;
import dev.counter.operator.etcd.MembershipStep;
import dev.counter.operator.events.EventRecorder;
import dev.counter.operator.events.PodCreationFailures;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.monitoring.CounterAppMetrics;
import dev.counter.operator.status.CounterProbe;
import dev.counter.operator.status.FailureMessages;
import dev.counter.operator.status.Observation;
import dev.counter.operator.status.PodReadiness;
import dev.counter.operator.status.SnapshotFreshness;
import dev.counter.operator.status.SnapshotMessages;
import dev.counter.operator.status.StatusCalculator;
import dev.counter.operator.status.StatusEvents;
import dev.counter.operator.status.StatusWriter;
import dev.counter.operator.status.Stores;
import dev.counter.operator.tls.EtcdCertificateSecrets;
import dev.counter.operator.tls.EtcdTlsContext;
import dev.counter.operator.validation.Deployed;
import dev.counter.operator.validation.SpecValidator;
import dev.counter.operator.validation.Violation;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.CounterImage;
import dev.counter.operator.workload.ExternalEtcdSecret;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a CounterApp, applies its dependents only when it is valid, and reports status.
 *
 * <p>The workflow is invoked explicitly so that a refused spec leaves every dependent exactly as it
 * was: the last good Deployment keeps serving. Each store's dependents carry a reconcile
 * precondition on the spec, so switching the backend deletes what the old one needed; {@code
 * dependsOn} orders creation within a store (and makes JOSDK delete the dependents of a dependent
 * whose precondition fails). Nothing of the counter itself depends on a store's dependent, which
 * would delete the counter with the store.
 *
 * <p>Namespaced dependents are garbage-collected through owner references. The snapshot
 * PersistentVolume is cluster-scoped and cannot be owned by a CounterApp: it is the one dependent
 * JOSDK deletes itself, which is why CounterApps carry JOSDK's finalizer.
 */
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = CounterAppReconciler.CONFIG_MAP, type = ConfigMapDependent.class),
            @Dependent(
                    name = CounterAppReconciler.DEPLOYMENT,
                    type = DeploymentDependent.class,
                    dependsOn = CounterAppReconciler.CONFIG_MAP),
            @Dependent(name = CounterAppReconciler.SERVICE, type = ServiceDependent.class),
            @Dependent(
                    name = CounterAppReconciler.INGRESS,
                    type = IngressDependent.class,
                    dependsOn = CounterAppReconciler.SERVICE,
                    reconcilePrecondition = IngressEnabledCondition.class),
            // Redis run by the operator: the password exists before the pod that reads it
            @Dependent(
                    name = CounterAppReconciler.REDIS_SECRET,
                    type = RedisSecretDependent.class,
                    reconcilePrecondition = ManagedRedisCondition.class),
            @Dependent(
                    name = CounterAppReconciler.REDIS_SERVICE,
                    type = RedisServiceDependent.class,
                    reconcilePrecondition = ManagedRedisCondition.class),
            @Dependent(
                    name = CounterAppReconciler.REDIS_DATA,
                    type = RedisDataClaimDependent.class,
                    reconcilePrecondition = RedisPersistenceCondition.class),
            @Dependent(
                    name = CounterAppReconciler.REDIS_STATEFUL_SET,
                    type = RedisStatefulSetDependent.class,
                    dependsOn = {
                        CounterAppReconciler.REDIS_SECRET,
                        CounterAppReconciler.REDIS_SERVICE
                    },
                    reconcilePrecondition = ManagedRedisCondition.class),
            // etcd run by the operator: peer DNS exists before the members that bootstrap through
            // it
            @Dependent(
                    name = CounterAppReconciler.ETCD_PEER_SERVICE,
                    type = EtcdPeerServiceDependent.class,
                    reconcilePrecondition = ManagedEtcdCondition.class),
            @Dependent(
                    name = CounterAppReconciler.ETCD_CLIENT_SERVICE,
                    type = EtcdClientServiceDependent.class,
                    reconcilePrecondition = ManagedEtcdCondition.class),
            @Dependent(
                    name = CounterAppReconciler.ETCD_MEMBERS_CONFIG,
                    type = EtcdMembersConfigMapDependent.class,
                    reconcilePrecondition = ManagedEtcdCondition.class),
            @Dependent(
                    name = CounterAppReconciler.ETCD_STATEFUL_SET,
                    type = EtcdStatefulSetDependent.class,
                    dependsOn = {
                        CounterAppReconciler.ETCD_PEER_SERVICE,
                        CounterAppReconciler.ETCD_MEMBERS_CONFIG
                    },
                    reconcilePrecondition = ManagedEtcdCondition.class),
            @Dependent(
                    name = CounterAppReconciler.ETCD_DISRUPTION_BUDGET,
                    type = EtcdDisruptionBudgetDependent.class,
                    dependsOn = CounterAppReconciler.ETCD_STATEFUL_SET,
                    reconcilePrecondition = ManagedEtcdCondition.class),
            // snapshots: the bundled NFS server (volume, then pod), its Service, and then, once the
            // Service has a cluster IP (SnapshotVolumeCondition), volume, claim and CronJob
            @Dependent(
                    name = CounterAppReconciler.NFS_DATA,
                    type = NfsDataClaimDependent.class,
                    reconcilePrecondition = BundledNfsCondition.class),
            @Dependent(
                    name = CounterAppReconciler.NFS_SERVER,
                    type = NfsServerDeploymentDependent.class,
                    dependsOn = CounterAppReconciler.NFS_DATA,
                    reconcilePrecondition = BundledNfsCondition.class),
            @Dependent(
                    name = CounterAppReconciler.NFS_SERVICE,
                    type = NfsServiceDependent.class,
                    reconcilePrecondition = BundledNfsCondition.class),
            @Dependent(
                    name = CounterAppReconciler.SNAPSHOT_VOLUME,
                    type = SnapshotVolumeDependent.class,
                    reconcilePrecondition = SnapshotVolumeCondition.class),
            @Dependent(
                    name = CounterAppReconciler.SNAPSHOT_CLAIM,
                    type = SnapshotClaimDependent.class,
                    dependsOn = CounterAppReconciler.SNAPSHOT_VOLUME,
                    reconcilePrecondition = SnapshotsEnabledCondition.class),
            @Dependent(
                    name = CounterAppReconciler.SNAPSHOT_CRON_JOB,
                    type = SnapshotCronJobDependent.class,
                    dependsOn = {
                        CounterAppReconciler.SNAPSHOT_CLAIM,
                        CounterAppReconciler.ETCD_CLIENT_SERVICE
                    },
                    reconcilePrecondition = SnapshotsEnabledCondition.class),
            // Prometheus Operator objects: only where their CRDs exist, and while spec.monitoring
            // wants them (switching it off deletes them; a false activation condition would not)
            @Dependent(
                    name = CounterAppReconciler.SERVICE_MONITOR,
                    type = ServiceMonitorDependent.class,
                    dependsOn = CounterAppReconciler.SERVICE,
                    activationCondition = MonitoringCrdPresent.class,
                    reconcilePrecondition = MonitoringEnabledCondition.class),
            @Dependent(
                    name = CounterAppReconciler.PROMETHEUS_RULE,
                    type = PrometheusRuleDependent.class,
                    activationCondition = MonitoringCrdPresent.class,
                    reconcilePrecondition = AlertsEnabledCondition.class)
        })
@ControllerConfiguration(name = CounterAppReconciler.NAME, fieldManager = Labels.OPERATOR)
public class CounterAppReconciler implements Reconciler<CounterApp>, Cleaner<CounterApp> {

    public static final String NAME = "counterapp";
    static final String CONFIG_MAP = "config-map";
    static final String DEPLOYMENT = "deployment";
    static final String SERVICE = "service";
    static final String INGRESS = "ingress";
    static final String REDIS_SECRET = "redis-secret";
    static final String REDIS_SERVICE = "redis-service";
    static final String REDIS_DATA = "redis-data";
    static final String REDIS_STATEFUL_SET = "redis-statefulset";
    static final String ETCD_PEER_SERVICE = "etcd-peer-service";
    static final String ETCD_CLIENT_SERVICE = "etcd-client-service";
    static final String ETCD_STATEFUL_SET = "etcd-statefulset";
    static final String ETCD_MEMBERS_CONFIG = "etcd-members-config";
    static final String ETCD_DISRUPTION_BUDGET = "etcd-disruption-budget";
    static final String NFS_DATA = "nfs-data";
    static final String NFS_SERVER = "nfs-server";
    static final String NFS_SERVICE = "nfs-service";
    static final String SNAPSHOT_VOLUME = "snapshot-volume";
    static final String SNAPSHOT_CLAIM = "snapshot-claim";
    static final String SNAPSHOT_CRON_JOB = "snapshot-cronjob";
    static final String SERVICE_MONITOR = "service-monitor";
    static final String PROMETHEUS_RULE = "prometheus-rule";

    /** The snapshot CronJob's Jobs, watched for {@code status.lastSnapshot}. */
    static final String SNAPSHOT_JOBS = "snapshot-jobs";

    /** The counter pods, asked for the counter's state and high-water mark. */
    static final String COUNTER_PODS = "counter-pods";

    /** How soon the next membership step is planned while the etcd cluster is changing. */
    static final Duration MEMBERSHIP_STEP_INTERVAL = Duration.ofSeconds(5);

    /**
     * Secrets: the users' named by {@code spec.etcd.tls.secretName}, read for the counter pods,
     * and the operator's own etcd certificates.
     */
    static final String ETCD_TLS_SECRETS = "etcd-tls-secrets";

    static final String ETCD_TLS_SECRET_REASON = "EtcdTlsSecretInvalid";

    static final String CERTIFICATE_ISSUED_REASON = "EtcdCertificateIssued";

    private static final Logger log = LoggerFactory.getLogger(CounterAppReconciler.class);

    private final SpecValidator validator;
    private final StatusCalculator statusCalculator = new StatusCalculator();
    private final Clock clock;
    private final String defaultImage;
    private final CounterProbe probe;
    private final Duration counterStateRefresh;
    private final CounterAppMetrics metrics;
    private final EtcdMembership membership;
    private final EtcdCertificateSecrets certificates;

    /**
     * @param defaultImage the counter-app image of CounterApps that do not set {@code spec.image}
     * @param probe asks the counter pods of Redis and etcd CounterApps for their {@code /ready}
     * @param counterStateRefresh how soon such a CounterApp is reconciled again when nothing
     *     changes, so its high-water mark is recorded while the pods count
     * @param metrics the per-CounterApp gauges, set with every status computed
     * @param membership one membership round of a managed etcd cluster per reconcile
     * @param certificates the CA and certificates of a managed etcd cluster with TLS
     */
    public CounterAppReconciler(
            SpecValidator validator,
            Clock clock,
            String defaultImage,
            CounterProbe probe,
            Duration counterStateRefresh,
            CounterAppMetrics metrics,
            EtcdMembership membership,
            EtcdCertificateSecrets certificates) {
        this.validator = validator;
        this.membership = membership;
        this.certificates = certificates;
        this.clock = clock;
        this.defaultImage = defaultImage;
        this.probe = probe;
        this.counterStateRefresh = counterStateRefresh;
        this.metrics = metrics;
    }

    /**
     * The Jobs the snapshot CronJob creates carry the labels of its job template, not an owner
     * reference to the CounterApp; the counter pods are owned by a ReplicaSet. Both are mapped to
     * their CounterApp by the instance label.
     */
    @Override
    public List<EventSource<?, CounterApp>> prepareEventSources(
            EventSourceContext<CounterApp> context) {
        var jobs =
                InformerEventSourceConfiguration.from(Job.class, CounterApp.class)
                        .withName(SNAPSHOT_JOBS)
                        .withLabelSelector(Labels.ETCD_SNAPSHOT_SELECTOR)
                        .withSecondaryToPrimaryMapper(CounterAppReconciler::byInstanceLabel)
                        .build();
        // a pod turning unready is often the first sign that the store lost the counter
        var pods =
                InformerEventSourceConfiguration.from(Pod.class, CounterApp.class)
                        .withName(COUNTER_PODS)
                        .withLabelSelector(Labels.COUNTER_SELECTOR)
                        .withSecondaryToPrimaryMapper(CounterAppReconciler::byInstanceLabel)
                        .build();
        // a user's Secret carries neither a label nor an owner of ours: mapped back by name; the
        // operator's certificate Secrets by their label, so one deleted by hand is made again
        var secrets =
                InformerEventSourceConfiguration.from(Secret.class, CounterApp.class)
                        .withName(ETCD_TLS_SECRETS)
                        .withSecondaryToPrimaryMapper(
                                secret ->
                                        Stream.concat(
                                                        naming(context, secret).stream(),
                                                        managedByUs(secret)
                                                                ? byInstanceLabel(secret).stream()
                                                                : Stream.empty())
                                                .collect(Collectors.toSet()))
                        .build();
        return List.of(
                new InformerEventSource<>(jobs, context),
                new InformerEventSource<>(pods, context),
                new InformerEventSource<>(secrets, context));
    }

    /** The CounterApps of the Secret's namespace whose {@code spec.etcd.tls.secretName} it is. */
    private static Set<ResourceID> naming(EventSourceContext<CounterApp> context, Secret secret) {
        String name = secret.getMetadata().getName();
        return context.getPrimaryCache()
                .list(
                        secret.getMetadata().getNamespace(),
                        app -> ExternalEtcdSecret.name(app.getSpec()).filter(name::equals).isPresent())
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    /** The spec's violations, then those of the TLS Secret it names (only for a valid spec). */
    private List<Violation> validate(CounterApp app, Context<CounterApp> context) {
        List<Violation> violations = validator.validate(app.getSpec(), deployed(app, context));
        if (!violations.isEmpty()) {
            return violations;
        }
        return ExternalEtcdSecret.name(app.getSpec())
                .flatMap(name -> ExternalEtcdSecret.problem(name, etcdTlsSecret(app, context, name)))
                .map(
                        problem ->
                                List.of(
                                        new Violation(
                                                ETCD_TLS_SECRET_REASON,
                                                "spec.etcd.tls.secretName",
                                                problem)))
                .orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private static Optional<Secret> etcdTlsSecret(
            CounterApp app, Context<CounterApp> context, String name) {
        var secrets =
                (InformerEventSource<Secret, CounterApp>)
                        context.eventSourceRetriever()
                                .getEventSourceFor(Secret.class, ETCD_TLS_SECRETS);
        return secrets.get(new ResourceID(name, app.getMetadata().getNamespace()));
    }

    private static boolean managedByUs(HasMetadata object) {
        return Labels.OPERATOR.equals(
                Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.<String, String>of())
                        .get(Labels.MANAGED_BY));
    }

    private static Set<ResourceID> byInstanceLabel(HasMetadata object) {
        return Optional.ofNullable(object.getMetadata().getLabels())
                .map(labels -> labels.get(Labels.INSTANCE))
                .map(name -> Set.of(new ResourceID(name, object.getMetadata().getNamespace())))
                .orElse(Set.of());
    }

    @Override
    public UpdateControl<CounterApp> reconcile(CounterApp app, Context<CounterApp> context) {
        List<Violation> violations = validate(app, context);
        Optional<EtcdCertificateSecrets.Issued> certificates = Optional.empty();
        if (violations.isEmpty()) {
            // before the members and counter pods that mount them
            certificates = issueCertificates(app, context);
            var workflow = context.managedWorkflowAndDependentResourceContext();
            workflow.put(CounterImage.DEFAULT_IMAGE_KEY, defaultImage);
            workflow.put(
                    ExternalEtcdSecret.ANNOTATIONS_KEY,
                    certificates
                            .map(EtcdCertificateSecrets.Issued::counterAnnotations)
                            .or(
                                    () ->
                                            ExternalEtcdSecret.name(app.getSpec())
                                                    .flatMap(name -> etcdTlsSecret(app, context, name))
                                                    .map(ExternalEtcdSecret::annotations))
                            .orElse(Map.of()));
            workflow.reconcileManagedWorkflow();
        } else {
            log.warn(
                    "refusing {}/{} generation {}, leaving its objects unchanged: {}",
                    app.getMetadata().getNamespace(),
                    app.getMetadata().getName(),
                    app.getMetadata().getGeneration(),
                    violations);
        }
        if (app.getSpec() == null || !Backends.shared(app.getSpec())) {
            report(app, observe(app, violations, context), context);
            return UpdateControl.noUpdate();
        }
        Optional<MembershipReport> round =
                violations.isEmpty()
                        ? membershipRound(
                                app,
                                context,
                                certificates.map(c -> EtcdTlsContext.sslContext(c.ca(), c.client())))
                        : Optional.empty();
        report(
                app,
                observe(app, violations, context)
                        .withPods(askPods(app, context))
                        .withMembership(round)
                        .withCertificatesNotAfter(
                                certificates.map(EtcdCertificateSecrets.Issued::notAfter)),
                context);
        boolean changing = round.filter(r -> !r.steady()).isPresent();
        return UpdateControl.<CounterApp>noUpdate()
                .rescheduleAfter(changing ? MEMBERSHIP_STEP_INTERVAL : counterStateRefresh);
    }

    /**
     * One step towards the etcd cluster the spec asks for; every applied step is an Event, a
     * repair a Warning one. A refused spec changes nothing, membership included.
     */
    private Optional<MembershipReport> membershipRound(
            CounterApp app, Context<CounterApp> context, Optional<SSLContext> tls) {
        if (!Backends.managedEtcd(app.getSpec())) {
            return Optional.empty();
        }
        Optional<StatefulSet> statefulSet = named(context, StatefulSet.class, Names.etcd(app));
        if (statefulSet.isEmpty()) {
            return Optional.empty();
        }
        Optional<MembershipReport> round =
                membership.round(app, context.getClient(), statefulSet.get(), tls);
        round.filter(MembershipReport::applied)
                .ifPresent(
                        r -> {
                            var events = new EventRecorder(context.getClient(), clock);
                            if (r.step() instanceof MembershipStep.RemoveMember remove
                                    && remove.repair()) {
                                events.warning(app, r.step().reason(), r.outcome());
                            } else {
                                events.normal(app, r.step().reason(), r.outcome());
                            }
                        });
        return round;
    }

    /**
     * The certificates of a managed etcd cluster with TLS, made or renewed as they fall due (the
     * counter-state refresh brings a reconcile well within the renewal window); an Event for each
     * Secret written.
     */
    private Optional<EtcdCertificateSecrets.Issued> issueCertificates(
            CounterApp app, Context<CounterApp> context) {
        if (!Backends.managedEtcdTls(app.getSpec())) {
            return Optional.empty();
        }
        EtcdCertificateSecrets.Issued issued = certificates.ensure(context.getClient(), app);
        if (!issued.written().isEmpty()) {
            var events = new EventRecorder(context.getClient(), clock);
            String notAfter = issued.serverCertificate().getNotAfter().toInstant().toString();
            issued.written()
                    .forEach(
                            name ->
                                    events.normal(
                                            app,
                                            CERTIFICATE_ISSUED_REASON,
                                            "Issued the etcd certificates of Secret "
                                                    + name
                                                    + "; the member certificate is valid until "
                                                    + notAfter));
        }
        return Optional.of(issued);
    }

    /** The pods the Deployment selects; a refused spec still has the last good pods serving. */
    private List<PodReadiness> askPods(CounterApp app, Context<CounterApp> context) {
        Map<String, String> selector = Labels.counterSelector(app);
        List<Pod> pods =
                context.getSecondaryResourcesAsStream(Pod.class)
                        .filter(
                                pod ->
                                        Objects.requireNonNullElse(
                                                        pod.getMetadata().getLabels(), Map.of())
                                                .entrySet()
                                                .containsAll(selector.entrySet()))
                        .toList();
        return pods.isEmpty() ? List.of() : probe.probe(pods);
    }

    /**
     * The workflow is invoked explicitly, so its cleanup too (it deletes the snapshot
     * PersistentVolume); the finalizer stays until that is done. The app's series go at once.
     */
    @Override
    public DeleteControl cleanup(CounterApp app, Context<CounterApp> context) {
        metrics.remove(app);
        var cleanup = context.managedWorkflowAndDependentResourceContext().cleanupManageWorkflow();
        return cleanup.allPostConditionsMet()
                ? DeleteControl.defaultDelete()
                : DeleteControl.noFinalizerRemoval();
    }

    /** Puts the failure into the status (Degraded, ReconcileFailed); JOSDK then retries. */
    @Override
    public ErrorStatusUpdateControl<CounterApp> updateErrorStatus(
            CounterApp app, Context<CounterApp> context, Exception e) {
        String message = FailureMessages.describe(e);
        log.warn(
                "reconcile of {}/{} failed: {}",
                app.getMetadata().getNamespace(),
                app.getMetadata().getName(),
                message);
        report(
                app,
                observe(app, validate(app, context), context)
                        .withFailure(message),
                context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    private static Observation observe(
            CounterApp app, List<Violation> violations, Context<CounterApp> context) {
        Optional<StatefulSet> redis = named(context, StatefulSet.class, Names.redis(app));
        Optional<StatefulSet> etcd = named(context, StatefulSet.class, Names.etcd(app));
        List<Job> snapshotJobs = List.copyOf(context.getSecondaryResources(Job.class));
        var stores =
                new Stores(
                        redis,
                        etcd,
                        named(context, Deployment.class, Names.nfsServer(app)),
                        snapshotExport(app, context),
                        named(context, CronJob.class, Names.snapshotCronJob(app)),
                        snapshotJobs,
                        podCreationFailures(context, Stream.concat(redis.stream(), etcd.stream())),
                        snapshotJobs.isEmpty()
                                ? Map.of()
                                : SnapshotMessages.read(
                                        context.getClient(),
                                        app,
                                        SnapshotCronJobDependent.CONTAINER));
        return Observation.of(
                violations,
                named(context, Deployment.class, Names.workload(app)),
                named(context, Service.class, Names.workload(app)),
                stores);
    }

    private static Map<String, String> podCreationFailures(
            Context<CounterApp> context, Stream<StatefulSet> statefulSets) {
        var failures = new TreeMap<String, String>();
        statefulSets.forEach(
                statefulSet ->
                        PodCreationFailures.of(context.getClient(), statefulSet)
                                .ifPresent(m -> failures.put(statefulSet.getMetadata().getName(), m)));
        return failures;
    }

    /** The snapshot export as {@code server:path}, once known; only with snapshots on. */
    private static Optional<String> snapshotExport(CounterApp app, Context<CounterApp> context) {
        if (app.getSpec() == null || !Backends.snapshotsEnabled(app.getSpec())) {
            return Optional.empty();
        }
        return NfsExport.wanted(app, context).map(export -> export.server() + ":" + export.path());
    }

    private static Deployed deployed(CounterApp app, Context<CounterApp> context) {
        return new Deployed(named(context, StatefulSet.class, Names.etcd(app)));
    }

    /**
     * A secondary resource by name: several dependents share a kind (Services, Deployments,
     * StatefulSets), so a lookup by kind alone would be ambiguous.
     */
    private static <R extends HasMetadata> Optional<R> named(
            Context<CounterApp> context, Class<R> kind, String name) {
        return context.getSecondaryResourcesAsStream(kind)
                .filter(resource -> name.equals(resource.getMetadata().getName()))
                .findFirst();
    }

    /**
     * Writes the status and its Events, but only when something changed: a steady state is silent.
     */
    private void report(CounterApp app, Observation observation, Context<CounterApp> context) {
        CounterAppStatus next = statusCalculator.compute(app, observation, clock.instant());
        metrics.record(app, next, SnapshotFreshness.of(app, observation.stores()));
        if (Objects.equals(next, app.getStatus())) {
            return;
        }
        var events = new EventRecorder(context.getClient(), clock);
        StatusEvents.between(app.getStatus(), next)
                .forEach(
                        event -> events.record(app, event.type(), event.reason(), event.message()));
        StatusWriter.write(app, next, context);
    }
}
