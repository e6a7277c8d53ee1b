package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.EtcdSpec;
import org.junit.jupiter.api.Test;

class BackendImagesTest {

    @Test
    void etcdImageTagIsTheSpecsVersion() {
        var spec = new EtcdSpec();
        spec.setVersion("3.4.23");

        assertThat(BackendImages.etcd(spec)).isEqualTo("quay.io/coreos/etcd:v3.4.23");
    }

    @Test
    void etcdImageWithoutVersionIsTheDefaultOne() {
        var spec = new EtcdSpec();
        spec.setVersion(null);

        assertThat(BackendImages.etcd(spec)).isEqualTo(BackendImages.ETCD);
        assertThat(BackendImages.etcd(new EtcdSpec())).isEqualTo(BackendImages.ETCD);
    }
}
