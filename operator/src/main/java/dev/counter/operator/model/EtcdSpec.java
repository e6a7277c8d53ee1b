package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd settings of backend etcd. Today only an external cluster ({@code endpoints}); a managed
 * cluster (members, snapshots, restore) is planned as further optional fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EtcdSpec {

  @JsonPropertyDescription(
      "Client URLs of an external etcd cluster (http://host:2379); passed to the pods as"
          + " ETCD_ENDPOINTS. Required for backend etcd until the operator can run etcd itself.")
  private List<String> endpoints = new ArrayList<>();

  public List<String> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(List<String> endpoints) {
    this.endpoints = endpoints;
  }
}
