package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RedisSecretDependentTest {

    private final RedisSecretDependent dependent = new RedisSecretDependent();

    @Test
    void generatesAUrlSafePasswordOwnedByTheCounterApp() {
        CounterApp app = CounterApps.stored("cache", Backend.REDIS);
        Secret secret = dependent.desired(app, null);

        String password = new String(Base64.getDecoder().decode(secret.getData().get("password")));
        assertThat(password).hasSize(RedisSecretDependent.PASSWORD_LENGTH).matches("[A-Za-z0-9]+");
        assertThat(secret.getMetadata().getName()).isEqualTo("cache-redis");
        assertThat(secret.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(app.getMetadata().getUid()));
    }

    @Test
    void anExistingSecretAlwaysMatchesSoItIsNeverRewritten() {
        CounterApp app = CounterApps.stored("cache", Backend.REDIS);
        Secret existing = dependent.desired(app, null);
        assertThat(dependent.match(existing, app, null).matched()).isTrue();
        assertThat(RedisSecretDependent.generatePassword())
                .isNotEqualTo(RedisSecretDependent.generatePassword());
    }
}
