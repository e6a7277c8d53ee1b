package dev.counter.urls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"redis://h:6379", "redis://h:6379/0", "redis://h:6379/", "rediss://:pw@h:6380/15",
        "redis://h"})
    void redisUrlsTheServiceAccepts(String url) {
        assertEquals(URI.create(url), BackendUrls.redisUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://h:6379/x", "http://h:6379", "h:6379", "redis://:6379", "redis://h:0",
        "redis://h:6379/100"})
    void redisUrlsTheServiceRefuses(String url) {
        assertThrows(IllegalArgumentException.class, () -> BackendUrls.redisUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://etcd", "https://etcd:2379", "etcd:2379", "http://:2379", "http://etcd:70000"})
    void etcdEndpointsTheServiceRefuses(String endpoint) {
        assertThrows(IllegalArgumentException.class, () -> BackendUrls.etcdEndpoint(endpoint));
        assertThrows(IllegalArgumentException.class, () -> BackendUrls.etcdEndpoints("http://ok:2379," + endpoint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://etcd:2379", "http://10.0.0.1:2379", "http://[::1]:2379", "http://etcd-0.etcd.ns.svc:2379/"})
    void etcdEndpointsTheServiceAccepts(String endpoint) {
        assertEquals(URI.create(endpoint), BackendUrls.etcdEndpoint(endpoint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://etcd:2379", "https://10.0.0.1:2379", "https://etcd-0.etcd.ns.svc:2379/"})
    void httpsEndpointsAreAcceptedWithTlsSettings(String endpoint) {
        assertEquals(URI.create(endpoint), BackendUrls.etcdEndpoint(endpoint, true));
        var e = assertThrows(IllegalArgumentException.class, () -> BackendUrls.etcdEndpoint(endpoint));
        assertTrue(e.getMessage().startsWith("https endpoints need TLS settings"), e.getMessage());
    }

    @Test
    void withTlsSettingsEveryEndpointIsHttps() {
        assertEquals(2, BackendUrls.etcdEndpoints("https://a:2379,https://b:2379", true).size());
        var e = assertThrows(IllegalArgumentException.class,
                () -> BackendUrls.etcdEndpoints("https://a:2379,http://b:2379", true));
        assertTrue(e.getMessage().contains("every endpoint must be https"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BackendUrls.etcdEndpoints("http://a:2379,https://b:2379", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://a:1,,http://b:2", " ,http://b:2"})
    void anEmptyEntryInTheListIsRefused(String list) {
        var e = assertThrows(IllegalArgumentException.class, () -> BackendUrls.etcdEndpoints(list));
        assertTrue(e.getMessage().startsWith("empty endpoint"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:s3cret@h:6379/x", "redis://:s3cret@h:0", "http://:s3cret@h:6379"})
    void messagesNeverRepeatThePassword(String url) {
        var e = assertThrows(IllegalArgumentException.class, () -> BackendUrls.redisUrl(url));
        assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
    }
}
