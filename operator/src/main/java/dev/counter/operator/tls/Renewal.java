package dev.counter.operator.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/** When a certificate the operator made must be made again, and when to look next. */
public final class Renewal {
    private final Clock clock;
    private final Duration renewBefore;

    public Renewal(Clock clock, Duration renewBefore) {
        this.clock = clock;
        this.renewBefore = renewBefore;
    }

    /** Within {@code renewBefore} of its expiry, or not signed by {@code ca} (the CA changed). */
    public boolean due(X509Certificate certificate, X509Certificate ca) {
        if (!clock.instant().isBefore(renewalTime(certificate))) {
            return true;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return false;
        } catch (GeneralSecurityException e) {
            return true;
        }
    }

    /** How long the reconciler may wait before the earliest of {@code certificates} is due. */
    public Duration untilNextRenewal(Collection<X509Certificate> certificates) {
        Instant earliest = certificates.stream().map(this::renewalTime).min(Instant::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("no certificates"));
        Duration wait = Duration.between(clock.instant(), earliest);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private Instant renewalTime(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().minus(renewBefore);
    }
}
