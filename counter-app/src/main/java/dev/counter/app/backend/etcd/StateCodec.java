package dev.counter.app.backend.etcd;

import io.etcd.jetcd.ByteSequence;

/** How one piece of state is stored in one etcd key, and its value while the key is absent. */
interface StateCodec<S> {
    ByteSequence encode(S state);

    S decode(ByteSequence bytes);

    S absent();
}
