package dev.counter.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.StorageSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import org.junit.jupiter.api.Test;

class PersistentClaimsTest {

    @Test
    void provisionedClaimsUseTheCanonicalSizeAndTheDefaultClassWhenNoneIsGiven() {
        var storage = new StorageSpec();
        storage.setSize("1024Mi");
        PersistentVolumeClaimSpec claim = PersistentClaims.provisioned(storage);
        assertThat(claim.getResources().getRequests().get("storage").toString()).isEqualTo("1Gi");
        assertThat(claim.getStorageClassName()).isNull();
        assertThat(claim.getAccessModes()).containsExactly("ReadWriteOnce");

        assertThat(PersistentClaims.provisioned(null).getResources().getRequests().get("storage"))
                .hasToString("1Gi");
    }

    @Test
    void aBoundClaimNamesItsVolumeAndKeepsProvisionersAway() {
        PersistentVolumeClaimSpec claim =
                PersistentClaims.boundTo(
                        "pv-1", new StorageSpec(), PersistentClaims.READ_WRITE_MANY);
        assertThat(claim.getVolumeName()).isEqualTo("pv-1");
        assertThat(claim.getStorageClassName()).isEmpty();
        assertThat(claim.getAccessModes()).containsExactly("ReadWriteMany");
    }
}
