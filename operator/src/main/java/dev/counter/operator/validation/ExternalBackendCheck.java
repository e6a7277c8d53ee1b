package dev.counter.operator.validation;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.model.RedisSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backends redis and etcd need the address of an external server until the operator can run one
 * itself; then an absent address will mean "managed" and this check will relax.
 */
final class ExternalBackendCheck implements SpecCheck {

  static final String REASON = "BackendNotConfigured";

  @Override
  public List<Violation> check(CounterAppSpec spec) {
    if (spec.getBackend() == Backend.REDIS) {
      return checkRedis(spec.getRedis());
    }
    if (spec.getBackend() == Backend.ETCD) {
      return checkEtcd(spec.getEtcd());
    }
    return List.of();
  }

  private static List<Violation> checkRedis(RedisSpec redis) {
    String url = Optional.ofNullable(redis).map(RedisSpec::getUrl).orElse("");
    if (url.isBlank()) {
      return List.of(
          new Violation(
              REASON,
              "spec.redis.url",
              "backend redis needs spec.redis.url (redis://host:6379); the operator does not run"
                  + " Redis itself yet"));
    }
    if (!hasScheme(url, "redis", "rediss")) {
      return List.of(
          new Violation(
              REASON,
              "spec.redis.url",
              "spec.redis.url must be a redis:// or rediss:// URL: " + url));
    }
    return List.of();
  }

  private static List<Violation> checkEtcd(EtcdSpec etcd) {
    List<String> endpoints =
        Optional.ofNullable(etcd).map(EtcdSpec::getEndpoints).orElse(List.of());
    if (endpoints.isEmpty()) {
      return List.of(
          new Violation(
              REASON,
              "spec.etcd.endpoints",
              "backend etcd needs spec.etcd.endpoints (http://host:2379); the operator does not"
                  + " run etcd itself yet"));
    }
    var violations = new ArrayList<Violation>();
    for (String endpoint : endpoints) {
      if (!hasScheme(endpoint, "http", "https")) {
        violations.add(
            new Violation(
                REASON,
                "spec.etcd.endpoints",
                "spec.etcd.endpoints entries must be http:// or https:// URLs: " + endpoint));
      }
    }
    return violations;
  }

  private static boolean hasScheme(String url, String... schemes) {
    try {
      var uri = new URI(url);
      return uri.getHost() != null && List.of(schemes).contains(uri.getScheme());
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
