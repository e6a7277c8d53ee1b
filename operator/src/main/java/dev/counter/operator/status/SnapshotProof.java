package dev.counter.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.counter.operator.model.SnapshotStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The line the snapshot Job writes to its termination log once etcd accepted the snapshot: {@code
 * {file,size,sha256,hash,revision,totalKeys,totalSize}}. Anything else is no proof, and says why.
 */
final class SnapshotProof {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NUMBERS =
            List.of("size", "hash", "revision", "totalKeys", "totalSize");

    private SnapshotProof() {}

    /**
     * Copies the proof into {@code snapshot}; an empty result means it did, otherwise why the
     * message proves nothing.
     */
    static Optional<String> apply(String message, SnapshotStatus snapshot) {
        if (message == null || message.isBlank()) {
            return Optional.of("its pod left no termination message");
        }
        JsonNode proof;
        try {
            proof = JSON.readTree(message.strip());
        } catch (IOException e) {
            return Optional.of("its termination message is not the snapshot's JSON proof");
        }
        if (proof == null || !proof.isObject()) {
            return Optional.of("its termination message is not the snapshot's JSON proof");
        }
        for (String field : NUMBERS) {
            if (!proof.path(field).isIntegralNumber() || proof.get(field).asLong() < 0) {
                return Optional.of("its termination message lacks the number \"" + field + "\"");
            }
        }
        String sha256 = proof.path("sha256").asText("");
        if (!sha256.matches("[0-9a-f]{64}")) {
            return Optional.of("its termination message lacks a sha256 of 64 hex digits");
        }
        if (!snapshot.getFile().equals(proof.path("file").asText(""))) {
            return Optional.of("its termination message is about another file");
        }
        if (proof.get("size").asLong() == 0) {
            return Optional.of("its termination message reports an empty snapshot");
        }
        snapshot.setSize(proof.get("size").asLong());
        snapshot.setSha256(sha256);
        snapshot.setEtcdHash(proof.get("hash").asLong());
        snapshot.setRevision(proof.get("revision").asLong());
        snapshot.setTotalKeys(proof.get("totalKeys").asLong());
        snapshot.setTotalSize(proof.get("totalSize").asLong());
        return Optional.empty();
    }
}
