package dev.counter.operator.dependent;

import dev.counter.operator.model.CounterApp;
import dev.counter.operator.model.NfsSpec;
import dev.counter.operator.workload.Backends;
import dev.counter.operator.workload.Names;
import dev.counter.operator.workload.NfsServer;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * The NFS export the snapshot volume points at.
 *
 * @param server an IP address or a host name the nodes resolve themselves
 * @param path the exported directory
 */
public record NfsExport(String server, String path) {

    /**
     * The export the spec asks for: the external one, or the bundled server's once its Service has
     * a cluster IP. Kubelets mount NFS without cluster DNS, so the Service's name would not do;
     * until the IP is known there is no export yet.
     */
    public static Optional<NfsExport> wanted(CounterApp app, Context<CounterApp> context) {
        NfsSpec external = Backends.snapshots(app.getSpec()).getNfs();
        if (external != null) {
            return Optional.of(new NfsExport(external.getServer(), external.getPath()));
        }
        return bundledServerAddress(app, context)
                .map(ip -> new NfsExport(ip, NfsServer.EXPORTED_PATH));
    }

    /** The export a PersistentVolume points at. */
    public static Optional<NfsExport> of(PersistentVolume volume) {
        return Optional.ofNullable(volume.getSpec())
                .map(spec -> spec.getNfs())
                .map(nfs -> new NfsExport(nfs.getServer(), nfs.getPath()));
    }

    private static Optional<String> bundledServerAddress(
            CounterApp app, Context<CounterApp> context) {
        String name = Names.nfsServer(app);
        return context.getSecondaryResourcesAsStream(Service.class)
                .filter(service -> name.equals(service.getMetadata().getName()))
                .map(service -> service.getSpec().getClusterIP())
                .filter(ip -> ip != null && !ip.isBlank() && !"None".equals(ip))
                .findFirst();
    }
}
