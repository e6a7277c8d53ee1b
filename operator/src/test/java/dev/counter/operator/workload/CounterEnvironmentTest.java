package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SecretKeyRef;
import dev.counter.operator.model.Strategy;
import dev.counter.operator.testing.CounterApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterEnvironmentTest {

    @Test
    void memoryBackendGetsBackendStrategyAndKey() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        app.getSpec().setStrategy(Strategy.LOCK);
        assertThat(CounterEnvironment.of(app))
                .containsExactly(
                        Map.entry("COUNTER_BACKEND", "memory"),
                        Map.entry("COUNTER_KEY", "counters/hits"),
                        Map.entry("COUNTER_STRATEGY", "lock"));
    }

    @Test
    void externalBackendsGetTheirAddress() {
        CounterApp redis = CounterApps.stored("r", Backend.REDIS);
        redis.getSpec().setRedis(new RedisSpec());
        redis.getSpec().getRedis().setUrl("redis://redis:6379");
        assertThat(CounterEnvironment.of(redis))
                .containsEntry("REDIS_URL", "redis://redis:6379")
                .doesNotContainKey("ETCD_ENDPOINTS");

        CounterApp etcd = CounterApps.stored("e", Backend.ETCD);
        etcd.getSpec().setEtcd(new EtcdSpec());
        etcd.getSpec().getEtcd().setEndpoints(List.of("http://a:2379", "http://b:2379"));
        assertThat(CounterEnvironment.of(etcd))
                .containsEntry("ETCD_ENDPOINTS", "http://a:2379,http://b:2379")
                .doesNotContainKey("REDIS_URL");
    }

    @Test
    void managedStoresArePassedByTheirServicesAndNoPasswordGoesIntoTheConfigMap() {
        CounterApp etcd = CounterApps.stored("e", Backend.ETCD);
        assertThat(CounterEnvironment.of(etcd))
                .containsEntry("ETCD_ENDPOINTS", "http://e-etcd.counters.svc:2379");

        CounterApp managedRedis = CounterApps.stored("r", Backend.REDIS);
        assertThat(CounterEnvironment.of(managedRedis)).doesNotContainKey("REDIS_URL");

        CounterApp withSecret = CounterApps.stored("s", Backend.REDIS);
        withSecret.getSpec().setRedis(new RedisSpec());
        withSecret.getSpec().getRedis().setUrl("redis://redis:6379");
        withSecret.getSpec().getRedis().setPasswordSecretRef(new SecretKeyRef("redis", "pw"));
        assertThat(CounterEnvironment.of(withSecret)).doesNotContainKey("REDIS_URL");
    }

    @Test
    void addressesOfAnotherBackendAreNotPassed() {
        CounterApp app = CounterApps.stored("m", Backend.MEMORY);
        app.getSpec().setRedis(new RedisSpec());
        app.getSpec().getRedis().setUrl("redis://redis:6379");
        assertThat(CounterEnvironment.of(app)).doesNotContainKey("REDIS_URL");
    }

    @Test
    void hashChangesWithAnyKeyOrValueAndNotWithOrder() {
        String base = CounterEnvironment.hash(Map.of("A", "1", "B", "2"));
        assertThat(CounterEnvironment.hash(Map.of("B", "2", "A", "1"))).isEqualTo(base);
        assertThat(CounterEnvironment.hash(Map.of("A", "1", "B", "3"))).isNotEqualTo(base);
        assertThat(CounterEnvironment.hash(Map.of("A", "1", "C", "2"))).isNotEqualTo(base);
        // the separator keeps "AB=" + "1" apart from "A=" + "B1"
        assertThat(CounterEnvironment.hash(Map.of("AB", "1")))
                .isNotEqualTo(CounterEnvironment.hash(Map.of("A", "B1")));
        assertThat(base).hasSize(16).matches("[0-9a-f]+");
    }
}
