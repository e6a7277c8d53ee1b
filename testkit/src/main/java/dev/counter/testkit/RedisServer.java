package dev.counter.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real {@code redis-server} on a free loopback port, in its own temporary directory, without
 * persistence (a restart comes back empty) or with an append-only file fsynced on every write (a
 * restart comes back with every acknowledged write, as the operator's managed Redis does). It can
 * be killed and started again on the same port, which is how outage tests run.
 */
public final class RedisServer implements AutoCloseable {
    private final String binary;
    private final int port;
    private final Path dir;
    private final boolean persistent;
    private ChildProcess process;

    private RedisServer(String binary, int port, Path dir, boolean persistent) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
        this.persistent = persistent;
    }

    public static RedisServer start() {
        RedisServer server = prepare();
        server.startProcess();
        return server;
    }

    /** A server with its port chosen but not started: for tests of a service started before Redis. */
    public static RedisServer prepare() {
        return prepare(false);
    }

    /** Started with {@code --appendonly yes --appendfsync always}: restarts keep the data. */
    public static RedisServer startPersistent() {
        RedisServer server = prepare(true);
        server.startProcess();
        return server;
    }

    private static RedisServer prepare(boolean persistent) {
        try {
            return new RedisServer(Binaries.require("redis-server", "redis-server"), FreePort.pick(),
                    Files.createTempDirectory("redis-"), persistent);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void startProcess() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = ChildProcess.start("redis-server:" + port, List.of(binary,
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", persistent ? "yes" : "no", "--appendfsync", "always",
                "--dir", dir.toString(), "--protected-mode", "no"), Map.of());
        await("redis-server on port " + port + " to answer PING").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(this::pings);
    }

    /** SIGSTOP: Redis stalls with its connections open (see {@link ChildProcess#pause()}). */
    public synchronized void pause() {
        process.pause();
    }

    public synchronized void resume() {
        process.resume();
    }

    /**
     * Kills the server and starts it again without its data, as a Redis pod without a volume
     * comes back after a move: the same address, an empty keyspace.
     */
    public synchronized void restartEmpty() {
        kill();
        TempDirs.delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        startProcess();
    }

    /** SIGKILL: an outage without any goodbye to the clients. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** One RESP command over a fresh socket; the raw reply line(s). */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("redis command failed: " + e.getMessage(), e);
        }
    }

    private boolean pings() {
        return command("PING").equals("+PONG");
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
        TempDirs.delete(dir);
    }
}
