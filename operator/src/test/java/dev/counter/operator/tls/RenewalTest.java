package dev.counter.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewalTest {
    private static final Instant ISSUED = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final CertificateAuthority ca = CertificateAuthority.create("ca", ISSUED, Duration.ofDays(1));
    private final X509Certificate shortLived = leaf(Duration.ofSeconds(90));
    private final X509Certificate longer = leaf(Duration.ofSeconds(600));

    private X509Certificate leaf(Duration validity) {
        return ca.issue("c", List.of(), List.of(), false, true, ISSUED, validity).certificate();
    }

    private static Renewal at(Instant now) {
        return new Renewal(Clock.fixed(now, ZoneOffset.UTC), RENEW_BEFORE);
    }

    @Test
    void dueOnlyWithinRenewBeforeOfExpiry() {
        X509Certificate caCert = ca.certificate().certificate();
        assertThat(at(ISSUED.plusSeconds(59)).due(shortLived, caCert)).isFalse();
        assertThat(at(ISSUED.plusSeconds(60)).due(shortLived, caCert)).isTrue();
        assertThat(at(ISSUED.plusSeconds(120)).due(shortLived, caCert)).as("expired").isTrue();
    }

    @Test
    void dueWhenTheCaChanged() {
        X509Certificate newCa = CertificateAuthority.create("ca", ISSUED, Duration.ofDays(1)).certificate().certificate();
        assertThat(at(ISSUED).due(longer, newCa)).isTrue();
        assertThat(at(ISSUED).due(longer, ca.certificate().certificate())).isFalse();
    }

    @Test
    void theReconcilerWaitsUntilTheEarliestRenewal() {
        assertThat(at(ISSUED.plusSeconds(10)).untilNextRenewal(List.of(longer, shortLived)))
                .isEqualTo(Duration.ofSeconds(50));
        assertThat(at(ISSUED.plusSeconds(100)).untilNextRenewal(List.of(longer, shortLived))).isZero();
    }
}
