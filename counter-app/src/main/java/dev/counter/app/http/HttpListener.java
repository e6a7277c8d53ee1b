package dev.counter.app.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.conduits.ConduitStreamSinkChannel;

/**
 * An HTTP/1.1 listener assembled from Undertow's parts with the settings {@code Undertow.builder()}
 * uses, because the builder cannot put a conduit under each accepted connection, which
 * {@link JsonBadRequestConduit} needs.
 *
 * <p>One difference: pipelined responses are not buffered into one write
 * ({@code BUFFER_PIPELINED_DATA}, which the builder turns on). That buffer could join Undertow's
 * 400 with the responses before it, and the conduit would no longer recognise it; clients that
 * pipeline are rare and still get every response, in separate writes.
 */
final class HttpListener {
    private final XnioWorker worker;
    private final AcceptingChannel<StreamConnection> channel;
    private final ByteBufferPool buffers;

    private HttpListener(XnioWorker worker, AcceptingChannel<StreamConnection> channel, ByteBufferPool buffers) {
        this.worker = worker;
        this.channel = channel;
        this.buffers = buffers;
    }

    /**
     * @throws UncheckedIOException when the address cannot be bound; its cause is the
     *     {@link java.net.BindException}
     */
    static HttpListener start(String host, int port, int ioThreads, HttpHandler handler) {
        XnioWorker worker;
        try {
            worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                    .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                    .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                    .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.CORK, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the IO threads: " + e.getMessage(), e);
        }
        ByteBufferPool buffers = bufferPool();
        HttpOpenListener open = new HttpOpenListener(buffers, OptionMap.create(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000));
        open.setRootHandler(handler);
        ChannelListener<StreamConnection> accepted = connection -> {
            ConduitStreamSinkChannel sink = connection.getSinkChannel();
            sink.setConduit(new JsonBadRequestConduit(sink.getConduit()));
            open.handleEvent(connection);
        };
        OptionMap socket = OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BALANCING_TOKENS, 1)
                .set(Options.BALANCING_CONNECTIONS, 2)
                .set(Options.BACKLOG, 1000)
                .getMap();
        try {
            AcceptingChannel<StreamConnection> channel = worker.createStreamConnectionServer(
                    new InetSocketAddress(InetAddress.getByName(host), port),
                    ChannelListeners.openListenerAdapter(accepted), socket);
            channel.resumeAccepts();
            return new HttpListener(worker, channel, buffers);
        } catch (IOException e) {
            worker.shutdownNow();
            buffers.close();
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The builder's choice: small heap buffers in a small heap, else direct 16 kB ones. */
    private static ByteBufferPool bufferPool() {
        long maxMemory = Runtime.getRuntime().maxMemory();
        if (maxMemory < 64L << 20) {
            return new DefaultByteBufferPool(false, 512, -1, 4);
        }
        if (maxMemory < 128L << 20) {
            return new DefaultByteBufferPool(true, 1024, -1, 4);
        }
        return new DefaultByteBufferPool(true, 1024 * 16 - 20, -1, 4);
    }

    int port() {
        return channel.getLocalAddress(InetSocketAddress.class).getPort();
    }

    void stop() {
        IoUtils.safeClose(channel);
        worker.shutdown();
        try {
            worker.awaitTermination();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        buffers.close();
    }
}
