package dev.counter.app.backend.etcd;

import dev.counter.app.backend.StoreStateException;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import java.nio.charset.StandardCharsets;

/** Reading the counter's stored numbers: anything else is an unusable value, never a crash. */
final class Values {
    private static final int SHOWN = 40;

    private Values() {
    }

    /** The number in the one key of {@code get}, 0 when the key is absent. */
    static long number(GetResponse get) {
        if (get.getKvs().isEmpty()) {
            return 0;
        }
        KeyValue kv = get.getKvs().get(0);
        String text = kv.getValue().toString(StandardCharsets.US_ASCII);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new StoreStateException(StoreStateException.Kind.UNUSABLE,
                    kv.getKey().toString(StandardCharsets.UTF_8) + " holds " + shorten(text) + ", not a number");
        }
    }

    /** The state in {@code kv} by {@code codec}; anything it cannot decode is an unusable value. */
    static <S> S state(KeyValue kv, StateCodec<S> codec) {
        try {
            return codec.decode(kv.getValue());
        } catch (RuntimeException e) {
            throw new StoreStateException(StoreStateException.Kind.UNUSABLE, kv.getKey().toString(StandardCharsets.UTF_8)
                    + " holds " + shorten(kv.getValue().toString(StandardCharsets.US_ASCII)));
        }
    }

    /** The state in the one key of {@code get}, the codec's absent state when there is none. */
    static <S> S state(GetResponse get, StateCodec<S> codec) {
        return get.getKvs().isEmpty() ? codec.absent() : state(get.getKvs().get(0), codec);
    }

    /** A stored text as an error may quote it: bounded, so a huge value cannot make a huge reply. */
    static String shorten(String text) {
        return '"' + (text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…") + '"';
    }
}
