package dev.counter.operator.testing;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Wraps the mock API's dispatcher and remembers every request, to count the operator's writes. */
public final class RecordingDispatcher extends Dispatcher {

    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** One request as the mock API received it. */
    public record Request(String method, String path, String userAgent) {
        public boolean isWrite() {
            return WRITE_METHODS.contains(method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Dispatcher delegate;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    public RecordingDispatcher(Dispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(
                new Request(
                        request.getMethod(), request.getPath(), request.getHeader("User-Agent")));
        return delegate.dispatch(request);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    public int count() {
        return requests.size();
    }

    /** Requests received after the first {@code skip} ones. */
    public List<Request> since(int skip) {
        return requests.stream().skip(skip).toList();
    }

    public List<Request> writesSince(int skip) {
        return since(skip).stream().filter(Request::isWrite).toList();
    }
}
