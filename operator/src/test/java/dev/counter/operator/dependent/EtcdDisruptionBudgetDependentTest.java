package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtcdDisruptionBudgetDependentTest {

    @ParameterizedTest(name = "{0} members: minAvailable {1}")
    @CsvSource({"1, 1", "3, 2", "5, 3"})
    void evictionsNeverTakeTheClusterBelowItsQuorum(int members, int quorum) {
        CounterApp app = CounterApps.stored("hits", Backend.ETCD);
        app.getSpec().setEtcd(new EtcdSpec());
        app.getSpec().getEtcd().setMembers(members);

        PodDisruptionBudget budget = new EtcdDisruptionBudgetDependent().desired(app, null);

        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(quorum);
        assertThat(budget.getSpec().getMaxUnavailable()).isNull();
    }
}
