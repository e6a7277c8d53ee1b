package dev.counter.app.backend.etcd;

import dev.counter.app.backend.CounterBackend;
import dev.counter.app.backend.StoreFaultContract;
import dev.counter.app.config.BackendSettings;
import dev.counter.testkit.EtcdCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fault contract against a real single-member etcd. */
class EtcdFaultTest extends StoreFaultContract {
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    private EtcdCluster etcd;

    @Override
    protected String backendId() {
        return "etcd";
    }

    @Override
    protected void startStore() {
        etcd = EtcdCluster.start(1);
    }

    private EtcdCluster.Member member() {
        return etcd.members().get(0);
    }

    @Override
    protected String targetVia(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    protected int storePort() {
        return member().clientPort();
    }

    @Override
    protected CounterBackend backend(String target, String key, Duration timeout) {
        return new EtcdBackend(List.of(URI.create(target)), key, timeout, BackendSettings.DEFAULT_ETCD_INCREMENT);
    }

    @Override
    protected void pauseStore() {
        etcd.pause(member());
    }

    @Override
    protected void resumeStore() {
        etcd.resume(member());
    }

    @Override
    protected void killStore() {
        etcd.kill(member());
    }

    @Override
    protected void restartStore() {
        etcd.restart(member());
    }

    @Override
    protected void stopStore() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected void poison(String key) {
        etcd.etcdctl("put", key + "/base", "garbage");
    }

    /** base = value − the tick keys' versions, so that the counter reads {@code value}. */
    @Override
    protected void setCounter(String key, long value) {
        Matcher m = VERSION.matcher(etcd.etcdctl("get", "--prefix", key + "/tick", "-w", "json"));
        long versions = 0;
        while (m.find()) {
            versions += Long.parseLong(m.group(1));
        }
        etcd.etcdctl("put", "--", key + "/base", Long.toString(value - versions));
    }

    /** Every key of the counter deleted, as after a restore into a cluster that never had it. */
    @Override
    protected void loseCounter(String key) {
        etcd.etcdctl("del", "--prefix", key + "/");
    }

    /** The README's recovery step: the counter put back at N, then {@code etcdctl del <key>/lost}. */
    @Override
    protected void resumeAt(String key, long value) {
        setCounter(key, value);
        etcd.etcdctl("del", key + "/lost");
    }
}
