package dev.counter.operator.etcd;

/**
 * A cluster administration call failed or ran past its deadline. After a mutation fails this way
 * its effect is unknown: read the member list again instead of repeating it.
 */
public class EtcdAdminException extends Exception {

    public EtcdAdminException(String message) {
        super(message);
    }

    public EtcdAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
