package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * Redis settings of backend redis. Today only an external server ({@code url}); a managed Redis
 * (password secret, persistence, resources) is planned as further optional fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisSpec {

  @Pattern("^rediss?://.+")
  @JsonPropertyDescription(
      "URL of an external Redis server (redis://host:6379 or rediss:// for TLS); passed to the"
          + " pods as REDIS_URL. Required for backend redis until the operator can run Redis"
          + " itself.")
  private String url;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }
}
