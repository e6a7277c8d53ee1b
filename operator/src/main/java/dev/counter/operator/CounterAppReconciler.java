package dev.counter.operator;

import dev.counter.operator.dependent.ConfigMapDependent;
import dev.counter.operator.dependent.DeploymentDependent;
import dev.counter.operator.dependent.IngressDependent;
import dev.counter.operator.dependent.IngressEnabledCondition;
import dev.counter.operator.dependent.ServiceDependent;
import dev.counter.operator.events.EventRecorder;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.CounterAppStatus;
import dev.counter.operator.status.FailureMessages;
import dev.counter.operator.status.Observation;
import dev.counter.operator.status.StatusCalculator;
import dev.counter.operator.status.StatusEvents;
import dev.counter.operator.status.StatusWriter;
import dev.counter.operator.validation.SpecValidator;
import dev.counter.operator.validation.Violation;
import dev.counter.operator.workload.Labels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a CounterApp, applies its dependents only when it is valid, and reports status.
 *
 * <p>The workflow is invoked explicitly so that a refused spec leaves every dependent exactly as it
 * was: the last good Deployment keeps serving. All dependents are garbage-collected through owner
 * references, so no cleanup (and no finalizer) is needed.
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
          reconcilePrecondition = IngressEnabledCondition.class)
    })
@ControllerConfiguration(name = CounterAppReconciler.NAME, fieldManager = Labels.OPERATOR)
public class CounterAppReconciler implements Reconciler<CounterApp> {

  public static final String NAME = "counterapp";
  static final String CONFIG_MAP = "config-map";
  static final String DEPLOYMENT = "deployment";
  static final String SERVICE = "service";
  static final String INGRESS = "ingress";

  private static final Logger log = LoggerFactory.getLogger(CounterAppReconciler.class);

  private final SpecValidator validator;
  private final StatusCalculator statusCalculator = new StatusCalculator();
  private final Clock clock;

  public CounterAppReconciler() {
    this(SpecValidator.standard(), Clock.systemUTC());
  }

  public CounterAppReconciler(SpecValidator validator, Clock clock) {
    this.validator = validator;
    this.clock = clock;
  }

  @Override
  public UpdateControl<CounterApp> reconcile(CounterApp app, Context<CounterApp> context) {
    List<Violation> violations = validator.validate(app.getSpec());
    if (violations.isEmpty()) {
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    } else {
      log.warn(
          "refusing {}/{} generation {}, leaving its objects unchanged: {}",
          app.getMetadata().getNamespace(),
          app.getMetadata().getName(),
          app.getMetadata().getGeneration(),
          violations);
    }
    report(app, observe(violations, context), context);
    return UpdateControl.noUpdate();
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
    report(app, observe(validator.validate(app.getSpec()), context).withFailure(message), context);
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private static Observation observe(List<Violation> violations, Context<CounterApp> context) {
    return Observation.of(
        violations,
        context.getSecondaryResource(Deployment.class),
        context.getSecondaryResource(Service.class));
  }

  /**
   * Writes the status and its Events, but only when something changed: a steady state is silent.
   */
  private void report(CounterApp app, Observation observation, Context<CounterApp> context) {
    CounterAppStatus next = statusCalculator.compute(app, observation, clock.instant());
    if (Objects.equals(next, app.getStatus())) {
      return;
    }
    var events = new EventRecorder(context.getClient(), clock);
    StatusEvents.between(app.getStatus(), next)
        .forEach(event -> events.record(app, event.type(), event.reason(), event.message()));
    StatusWriter.write(app, next, context);
  }
}
