package dev.counter.operator.workload;

/** Ports and export of the bundled NFS server ({@link BackendImages#NFS_SERVER}). */
public final class NfsServer {

    public static final int NFS_PORT = 2049;
    public static final String NFS_PORT_NAME = "nfs";
    public static final int MOUNTD_PORT = 20048;
    public static final String MOUNTD_PORT_NAME = "mountd";
    public static final int RPCBIND_PORT = 111;
    public static final String RPCBIND_PORT_NAME = "rpcbind";

    /** The image exports this directory with fsid=0, so clients mount it as "/". */
    public static final String EXPORT_DIR = "/exports";

    public static final String EXPORTED_PATH = "/";

    private NfsServer() {}
}
