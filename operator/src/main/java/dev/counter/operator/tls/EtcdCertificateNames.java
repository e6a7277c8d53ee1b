package dev.counter.operator.tls;

import java.util.List;

/**
 * The names an operator-run etcd member answers to, for its server and peer certificate: one
 * wildcard per domain form covers every member, so scaling never needs a new certificate.
 */
public final class EtcdCertificateNames {
    private EtcdCertificateNames() {
    }

    public static List<String> dnsNames(String namespace, String peersService, String clientService) {
        return List.of(
                "*." + peersService + "." + namespace + ".svc",
                "*." + peersService + "." + namespace + ".svc.cluster.local",
                clientService,
                clientService + "." + namespace + ".svc",
                clientService + "." + namespace + ".svc.cluster.local",
                "localhost");
    }

    public static List<String> ipAddresses() {
        return List.of("127.0.0.1");
    }
}
