package dev.counter.operator.logging;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes all logging (SLF4J through slf4j-jdk14, and java.util.logging itself) to JSON lines on
 * standard output, where container runtimes collect it.
 */
public final class JsonLogging {

    private JsonLogging() {}

    public static void install(Level level, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        root.addHandler(new LineHandler(out, level));
    }

    /** Writes and flushes every record at once, so no line is lost or split when the pod stops. */
    private static final class LineHandler extends Handler {
        private final PrintStream out;

        LineHandler(PrintStream out, Level level) {
            this.out = out;
            setLevel(level);
            setFormatter(new JsonLineFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                String line = getFormatter().format(record);
                synchronized (out) {
                    out.print(line);
                    out.flush();
                }
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
