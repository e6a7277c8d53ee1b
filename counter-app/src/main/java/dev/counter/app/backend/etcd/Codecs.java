package dev.counter.app.backend.etcd;

import dev.counter.app.backend.Decimal;
import dev.counter.app.backend.FibonacciPair;
import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;

/** The stored forms: decimal text, readable with {@code etcdctl get}. */
final class Codecs {
    private Codecs() {
    }

    /** {@code current,next}. */
    static final StateCodec<FibonacciPair> FIBONACCI = new StateCodec<>() {
        @Override
        public ByteSequence encode(FibonacciPair pair) {
            return ByteSequence.from(pair.current() + "," + pair.next(), StandardCharsets.US_ASCII);
        }

        @Override
        public FibonacciPair decode(ByteSequence bytes) {
            String text = bytes.toString(StandardCharsets.US_ASCII);
            int comma = text.indexOf(',');
            return new FibonacciPair(Decimal.parse(text.substring(0, comma)), Decimal.parse(text.substring(comma + 1)));
        }

        @Override
        public FibonacciPair absent() {
            return FibonacciPair.START;
        }
    };
}
