package dev.counter.operator.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shell scripts the operator ships inside the pods it creates. They live as resource files next
 * to this class, so they can be read, linted and run by tests as what they are.
 */
public final class Scripts {

    /** Saves one etcd snapshot into the snapshot volume and prunes old ones. */
    public static final String ETCD_SNAPSHOT = load("etcd-snapshot.sh");

    /** Restores a new etcd member from a snapshot before its first start. */
    public static final String ETCD_RESTORE = load("etcd-restore.sh");

    /**
     * Starts an etcd member as a new cluster's, a joining learner's or with its own data, from the
     * members ConfigMap; refuses a member that lost its data in a formed cluster.
     */
    public static final String ETCD_START = load("etcd-start.sh");

    private Scripts() {}

    private static String load(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the operator jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
