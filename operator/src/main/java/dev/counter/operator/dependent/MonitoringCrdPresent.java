package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;

/**
 * Activation condition of the Prometheus Operator objects: their CRD is installed. Until it is,
 * JOSDK neither watches nor writes the kind, and the CounterApp reconciles without it. JOSDK's
 * default gives up after ten checks; this one keeps looking (one GET of the CRD per kind every 10
 * s at most, and only while reconciles happen), so installing the Prometheus Operator after the
 * counter operator needs no restart. Once seen, the CRD is assumed to stay.
 */
public class MonitoringCrdPresent extends CRDPresentActivationCondition<HasMetadata, CounterApp> {

    public MonitoringCrdPresent() {
        super(Integer.MAX_VALUE, DEFAULT_CRD_CHECK_INTERVAL);
    }
}
