package dev.counter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.SnapshotStatus;
import org.junit.jupiter.api.Test;

class SnapshotProofTest {

    private static final String SHA = "0123456789abcdef".repeat(4);

    private static String proof(String file, String size, String sha256) {
        return ("{\"file\":\"%s\",\"size\":%s,\"sha256\":\"%s\",\"hash\":5,\"revision\":9,"
                        + "\"totalKeys\":2,\"totalSize\":4096}\n")
                .formatted(file, size, sha256);
    }

    private static SnapshotStatus snapshot() {
        var snapshot = new SnapshotStatus();
        snapshot.setFile("a-etcd-snapshot-1.db");
        return snapshot;
    }

    @Test
    void copiesEveryFieldOfAWellFormedProof() {
        SnapshotStatus snapshot = snapshot();

        assertThat(SnapshotProof.apply(proof("a-etcd-snapshot-1.db", "8192", SHA), snapshot))
                .isEmpty();
        assertThat(snapshot.getSize()).isEqualTo(8192L);
        assertThat(snapshot.getSha256()).isEqualTo(SHA);
        assertThat(snapshot.getEtcdHash()).isEqualTo(5L);
        assertThat(snapshot.getRevision()).isEqualTo(9L);
        assertThat(snapshot.getTotalKeys()).isEqualTo(2L);
        assertThat(snapshot.getTotalSize()).isEqualTo(4096L);
    }

    @Test
    void saysWhyAMessageProvesNothing() {
        assertThat(SnapshotProof.apply("", snapshot()))
                .contains("its pod left no termination message");
        assertThat(SnapshotProof.apply("the snapshot failed verification", snapshot()))
                .contains("its termination message is not the snapshot's JSON proof");
        assertThat(SnapshotProof.apply("[1,2]", snapshot()))
                .contains("its termination message is not the snapshot's JSON proof");
        assertThat(SnapshotProof.apply(proof("a-etcd-snapshot-1.db", "\"big\"", SHA), snapshot()))
                .contains("its termination message lacks the number \"size\"");
        assertThat(SnapshotProof.apply(proof("a-etcd-snapshot-1.db", "8192", "xyz"), snapshot()))
                .contains("its termination message lacks a sha256 of 64 hex digits");
        assertThat(SnapshotProof.apply(proof("other.db", "8192", SHA), snapshot()))
                .contains("its termination message is about another file");
        assertThat(SnapshotProof.apply(proof("a-etcd-snapshot-1.db", "0", SHA), snapshot()))
                .contains("its termination message reports an empty snapshot");
    }

    @Test
    void leavesTheSnapshotUntouchedWhenTheProofIsBad() {
        SnapshotStatus snapshot = snapshot();

        SnapshotProof.apply(proof("a-etcd-snapshot-1.db", "8192", "xyz"), snapshot);

        assertThat(snapshot.getSize()).isNull();
        assertThat(snapshot.getSha256()).isNull();
    }
}
