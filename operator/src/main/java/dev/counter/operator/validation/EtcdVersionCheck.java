package dev.counter.operator.validation;

import dev.counter.operator.model.CounterAppSpec;
import dev.counter.operator.model.EtcdSpec;
import dev.counter.operator.workload.Backends;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd's supported upgrade path from the version the members run: one minor up at a time, no minor
 * down (a member cannot read the data of a newer minor), patches freely. The CRD's transition rule
 * says the same between two specs; this compares with the image the StatefulSet actually runs.
 */
final class EtcdVersionCheck implements TransitionCheck {

    static final String VERSION_PATH = "EtcdVersionPath";

    private static final Pattern TAG = Pattern.compile(":v?3\\.([0-9]+)\\.[0-9]+$");
    private static final Pattern VERSION = Pattern.compile("^3\\.([0-9]+)\\.[0-9]+$");

    @Override
    public List<Violation> check(CounterAppSpec spec, Deployed deployed) {
        if (!Backends.managedEtcd(spec) || deployed.etcd().isEmpty()) {
            return List.of();
        }
        String wanted =
                Objects.requireNonNullElse(
                        Backends.etcd(spec).getVersion(), EtcdSpec.DEFAULT_VERSION);
        Optional<String> runningImage = memberImage(deployed.etcd().get());
        Optional<Integer> from = runningImage.flatMap(image -> minor(TAG.matcher(image)));
        Optional<Integer> to = minor(VERSION.matcher(wanted));
        if (from.isEmpty() || to.isEmpty() || allowed(from.get(), to.get())) {
            return List.of();
        }
        return List.of(
                new Violation(
                        VERSION_PATH,
                        "spec.etcd.version",
                        EtcdSpec.VERSION_PATH_MESSAGE
                                + ": the members run "
                                + runningImage.get()
                                + ", the spec asks for "
                                + wanted));
    }

    static boolean allowed(int fromMinor, int toMinor) {
        return toMinor == fromMinor || toMinor == fromMinor + 1;
    }

    private static Optional<Integer> minor(Matcher matcher) {
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** The members' image; the restore init container runs the same one. */
    private static Optional<String> memberImage(StatefulSet statefulSet) {
        if (statefulSet.getSpec() == null
                || statefulSet.getSpec().getTemplate() == null
                || statefulSet.getSpec().getTemplate().getSpec() == null) {
            return Optional.empty();
        }
        List<Container> containers = statefulSet.getSpec().getTemplate().getSpec().getContainers();
        return containers == null
                ? Optional.empty()
                : containers.stream().map(Container::getImage).filter(Objects::nonNull).findFirst();
    }
}
