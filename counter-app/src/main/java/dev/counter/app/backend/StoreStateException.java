package dev.counter.app.backend;

/**
 * The store answered, but its counter cannot be served: it lost or rolled back values already
 * handed out ({@link Kind#LOST}), or it holds something this service cannot read
 * ({@link Kind#UNUSABLE}). Answered 503 like an outage, with its own error, and reported by
 * {@code /ready} until the store is repaired: never a value that might repeat one already given.
 */
public final class StoreStateException extends RuntimeException {

    public enum Kind {
        LOST("counter state lost"),
        UNUSABLE("stored value unusable");

        private final String error;

        Kind(String error) {
            this.error = error;
        }

        /** The {@code error} of the 503 body. */
        public String error() {
            return error;
        }
    }

    private final Kind kind;

    public StoreStateException(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code /ready}'s reason: the kind, then the detail. */
    public String reason() {
        return kind.error() + ": " + getMessage();
    }
}
