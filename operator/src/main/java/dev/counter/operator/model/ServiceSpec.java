package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The Service in front of the counter pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.nodePort) || (has(self.type) && self.type == 'NodePort')",
        message = ServiceSpec.NODE_PORT_MESSAGE,
        fieldPath = ".nodePort",
        reason = "FieldValueForbidden")
@ValidationRule(
        value = "!has(self.port) || !has(self.grpcPort) || self.port != self.grpcPort",
        message = ServiceSpec.SAME_PORTS_MESSAGE,
        fieldPath = ".grpcPort",
        reason = "FieldValueInvalid")
public class ServiceSpec {

    public static final String SAME_PORTS_MESSAGE = "grpcPort must differ from port";

    public static final String NODE_PORT_MESSAGE = "nodePort can only be set with type NodePort";

    @Default("ClusterIP")
    @JsonPropertyDescription("Service type: ClusterIP, NodePort or LoadBalancer.")
    private ServiceType type = ServiceType.ClusterIP;

    @Min(1)
    @Max(65535)
    @Default("80")
    @JsonPropertyDescription("Port of the Service; traffic goes to the pods' port 8080 (http).")
    private Integer port = 80;

    @Min(1)
    @Max(65535)
    @Default("50055")
    @JsonPropertyDescription(
            "Port of the Service's gRPC port (appProtocol grpc; the increment API of the inputQ-vs-mutex"
                    + " system); traffic goes to the pods' port 50055 (grpc). With type NodePort,"
                    + " Kubernetes picks its node port.")
    private Integer grpcPort = 50055;

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription(
            "Fixed node port, only with type NodePort (must be in the cluster's node port range);"
                    + " Kubernetes picks one when unset.")
    private Integer nodePort;

    public ServiceType getType() {
        return type;
    }

    public void setType(ServiceType type) {
        this.type = type;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Integer getGrpcPort() {
        return grpcPort;
    }

    public void setGrpcPort(Integer grpcPort) {
        this.grpcPort = grpcPort;
    }

    public Integer getNodePort() {
        return nodePort;
    }

    public void setNodePort(Integer nodePort) {
        this.nodePort = nodePort;
    }
}
