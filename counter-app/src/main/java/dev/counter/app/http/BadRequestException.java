package dev.counter.app.http;

/** A request the service cannot act on; answered 400 with the message as the JSON error. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
