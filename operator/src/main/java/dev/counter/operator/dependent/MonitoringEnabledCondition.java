package dev.counter.operator.dependent;

import dev.counter.operator.workload.Monitoring;

/** {@code spec.monitoring.enabled}: when it stops holding, the ServiceMonitor is deleted. */
public class MonitoringEnabledCondition extends SpecCondition {

    public MonitoringEnabledCondition() {
        super(Monitoring::enabled);
    }
}
