package dev.counter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** A PersistentVolumeClaim the operator asks for: its size and StorageClass. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {

    public static final String DEFAULT_SIZE = "1Gi";

    @Default(DEFAULT_SIZE)
    @JsonPropertyDescription("Requested size of the volume, a quantity such as 1Gi.")
    private String size = DEFAULT_SIZE;

    @JsonPropertyDescription("StorageClass of the volume; the cluster's default class when unset.")
    private String storageClassName;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }
}
