package dev.counter.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.counter.app.backend.BackendUnavailableException;
import dev.counter.app.backend.StoreStateException;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceMetersTest {
    private final AtomicLong value = new AtomicLong(-1);
    private final AtomicBoolean storeUp = new AtomicBoolean(true);
    private final ServiceMeters meters = new ServiceMeters("redis", value::get, storeUp::get);

    @AfterEach
    void close() {
        meters.close();
    }

    private String scrape() {
        return meters.scrape(null).body();
    }

    @Test
    void counterValueIsAbsentUntilSeenThenTheLastValueNotTheHighest() {
        assertFalse(scrape().contains("counter_value"), "no value seen yet");
        value.set(41);
        assertTrue(scrape().contains("counter_value{backend=\"redis\"} 41.0\n"));
        value.set(7); // e.g. a store repaired to a lower value: the gauge follows
        assertTrue(scrape().contains("counter_value{backend=\"redis\"} 7.0\n"));
    }

    @Test
    void storeUpFollowsTheReadinessCheck() {
        assertTrue(scrape().contains("counter_store_up{backend=\"redis\"} 1.0\n"));
        storeUp.set(false);
        System.gc(); // the gauge's function must survive: Micrometer holds gauge objects weakly
        assertTrue(scrape().contains("counter_store_up{backend=\"redis\"} 0.0\n"));
    }

    @Test
    void textByDefaultOpenMetricsWhenAsked() {
        assertEquals(ServiceMeters.TEXT, meters.scrape(null).contentType());
        assertEquals(ServiceMeters.TEXT, meters.scrape("text/plain;version=0.0.4;q=0.5,*/*;q=0.1").contentType());
        ServiceMeters.Exposition open = meters.scrape("application/openmetrics-text;version=1.0.0");
        assertEquals(ServiceMeters.OPENMETRICS, open.contentType());
        assertTrue(open.body().endsWith("# EOF\n"), open.body());
    }

    @Test
    void routeTimersAreRegisteredOncePerStatusWithTheCatalogueBuckets() {
        RouteMeters route = meters.route("/status");
        route.record(200, 150_000);
        route.record(200, 2_000_000);
        route.record(503, 1_000);
        route.record(700, 1_000); // not an HTTP status: ignored
        Timer ok = meters.registry().find("counter.http.request.duration").tags("route", "/status", "status", "200")
                .timer();
        assertEquals(2, ok.count());
        assertEquals(2, meters.registry().find("counter.http.request.duration").timers().size());
        String text = scrape();
        assertTrue(text.contains("counter_http_request_duration_seconds_bucket{backend=\"redis\",route=\"/status\","
                + "status=\"200\",le=\"2.5E-4\"} 1\n"), text);
        assertTrue(text.contains("le=\"10.0\"} 2\n"), text);
        assertEquals(ServiceMeters.LATENCY_BUCKETS.length + 1,
                text.lines().filter(l -> l.startsWith("counter_http_request_duration_seconds_bucket{")
                        && l.contains("status=\"200\"")).count(), "16 bounds and +Inf");
        route.record(200, 1);
        assertSame(ok, meters.registry().find("counter.http.request.duration").tags("status", "200").timer());
    }

    @Test
    void backendErrorsAreCountedByCauseAndEveryCauseIsThereFromTheStart() {
        String before = scrape();
        for (String cause : new String[] {"timeout", "unavailable", "state_lost", "value_unusable"}) {
            assertTrue(before.contains("counter_backend_errors_total{backend=\"redis\",cause=\"" + cause + "\"} 0.0\n"),
                    before);
        }
        BackendErrors errors = meters.backendErrors();
        errors.countIfStore(new CompletionException(new BackendUnavailableException("redis: refused")));
        errors.countIfStore(BackendUnavailableException.deadlinePassed("no answer"));
        errors.countIfStore(new TimeoutException());
        errors.countIfStore(new StoreStateException(StoreStateException.Kind.LOST, "gone"));
        errors.countIfStore(new StoreStateException(StoreStateException.Kind.UNUSABLE, "garbage"));
        errors.countIfStore(new IllegalStateException("a bug, not the store"));
        String after = scrape();
        assertTrue(after.contains("cause=\"timeout\"} 2.0\n"), after);
        assertTrue(after.contains("cause=\"unavailable\"} 1.0\n"), after);
        assertTrue(after.contains("cause=\"state_lost\"} 1.0\n"), after);
        assertTrue(after.contains("cause=\"value_unusable\"} 1.0\n"), after);
        assertNull(BackendErrors.causeOf(new IllegalStateException()));
    }
}
