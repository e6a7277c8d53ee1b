package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.workload.Labels;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.OwnedMetadata;
import dev.counter.operator.workload.Part;
import dev.counter.operator.workload.RedisConnection;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The password of the Redis the operator runs, generated when the Secret is created and never
 * changed afterwards: a new password would lock the running Redis' clients out until every pod
 * restarted. Deleting the Secret by hand makes the operator generate a new one (Redis and the
 * counter pods pick it up when they restart).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.REDIS_SELECTOR))
public class RedisSecretDependent extends CounterAppDependent<Secret> {

    /** Letters and digits only: the password is embedded in REDIS_URL, so it must be URL-safe. */
    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** 32 characters of 62: about 190 bits. */
    static final int PASSWORD_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public RedisSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected String name(CounterApp app) {
        return Names.redis(app);
    }

    @Override
    protected Secret desired(CounterApp app, Context<CounterApp> context) {
        byte[] password = generatePassword().getBytes(StandardCharsets.US_ASCII);
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.of(app, name(app), Part.REDIS))
                .withType("Opaque")
                .withData(
                        Map.of(
                                RedisConnection.PASSWORD_KEY,
                                Base64.getEncoder().encodeToString(password)))
                .build();
    }

    /** An existing Secret always matches: it is created once and never rotated silently. */
    @Override
    public Matcher.Result<Secret> match(
            Secret actual, CounterApp app, Context<CounterApp> context) {
        return Matcher.Result.nonComputed(true);
    }

    static String generatePassword() {
        var password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
