package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.RedisSpec;
import dev.counter.operator.model.SecretKeyRef;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;

class RedisConnectionTest {

    @Test
    void anExternalUrlGetsThePasswordReferenceInItsAuthorityKeepingPortAndDatabase() {
        CounterApp app = external("rediss://redis.example:6380/3");
        app.getSpec().getRedis().setPasswordSecretRef(new SecretKeyRef("shared", "pw"));

        assertThat(RedisConnection.counterEnvironment(app))
                .extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(
                        tuple("REDIS_PASSWORD", null),
                        tuple("REDIS_URL", "rediss://:$(REDIS_PASSWORD)@redis.example:6380/3"));
    }

    @Test
    void noPasswordNoVariables() {
        assertThat(RedisConnection.counterEnvironment(external("redis://redis:6379"))).isEmpty();
        assertThat(RedisConnection.counterEnvironment(CounterApps.stored("m", Backend.MEMORY)))
                .isEmpty();
    }

    @Test
    void theStatusEndpointNeverShowsCredentials() {
        assertThat(RedisConnection.endpoint(external("redis://:secret@redis.example:6379/1")))
                .hasValue("redis://redis.example:6379/1");
        assertThat(RedisConnection.endpoint(CounterApps.stored("hits", Backend.REDIS)))
                .hasValue("redis://hits-redis.counters.svc:6379");
    }

    private static CounterApp external(String url) {
        CounterApp app = CounterApps.stored("ext", Backend.REDIS);
        app.getSpec().setRedis(new RedisSpec());
        app.getSpec().getRedis().setUrl(url);
        return app;
    }
}
