package dev.counter.operator.dependent;

import dev.counter.operator.workload.Monitoring;

/** Monitoring and its alerts on: when it stops holding, the PrometheusRule is deleted. */
public class AlertsEnabledCondition extends SpecCondition {

    public AlertsEnabledCondition() {
        super(Monitoring::alerts);
    }
}
