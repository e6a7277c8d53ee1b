package dev.counter.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.CounterAppReconciler;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked both ways: rbac.yaml grants exactly the (group, resource, verb) triples
 * that the operator's own dependents and event sources need. A permission the code needs but the
 * file lacks fails here instead of in a cluster; so does one the file grants for nothing.
 */
class RbacTest {

    static final List<HasMetadata> RBAC =
            Manifests.load(Manifests.ROOT.resolve("operator/deploy/rbac.yaml"));

    private static void grant(
            Set<ApiPermission> set, Class<? extends HasMetadata> type, String... verbs) {
        for (String verb : verbs) {
            set.add(ApiPermission.of(type, verb));
        }
    }

    /** What the workflow's dependents need, from their classes. */
    static Set<ApiPermission> neededByDependents() throws ReflectiveOperationException {
        Set<ApiPermission> needed = new TreeSet<>();
        boolean finalizer = false;
        for (Dependent dependent :
                CounterAppReconciler.class.getAnnotation(Workflow.class).dependents()) {
            DependentResource<?, ?> resource =
                    dependent.type().getDeclaredConstructor().newInstance();
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> type =
                    (Class<? extends HasMetadata>) resource.resourceType();
            grant(needed, type, "get", "list", "watch");
            if (resource instanceof Creator<?, ?>) {
                grant(needed, type, "create");
            }
            if (resource instanceof Updater<?, ?>) {
                // server-side apply patches; SSA_ENABLED=false, ConfigMaps and Secrets update
                grant(needed, type, "patch", "update");
            }
            if (resource instanceof Deleter<?>) {
                grant(needed, type, "delete");
            }
            // a dependent the garbage collector cannot remove makes JOSDK put its finalizer on the
            // CounterApp, added and removed by patch
            finalizer |= !(resource instanceof GarbageCollected<?>);
            // JOSDK's CRD check reads the dependent's CRD by name
            if (CRDPresentActivationCondition.class.isAssignableFrom(
                    dependent.activationCondition())) {
                grant(needed, CustomResourceDefinition.class, "get");
            }
        }
        grant(needed, CounterApp.class, "get", "list", "watch");
        if (finalizer) {
            grant(needed, CounterApp.class, "patch");
        }
        needed.add(new ApiPermission("counter.dev", "counterapps/status", "patch"));
        // the Events the operator records (core/v1)
        needed.add(new ApiPermission("", "events", "create"));
        // a store StatefulSet's FailedCreate Events, read while it lacks pods (PodCreationFailures)
        needed.add(new ApiPermission("", "events", "list"));
        // the etcd membership round (EtcdMembership): lists the member pods, restarts one under
        // OnDelete, edits the members ConfigMap and sets the StatefulSet's replicas
        needed.add(new ApiPermission("", "pods", "list"));
        needed.add(new ApiPermission("", "pods", "delete"));
        needed.add(new ApiPermission("", "configmaps", "patch"));
        needed.add(new ApiPermission("apps", "statefulsets", "patch"));
        return needed;
    }

    /**
     * What the event sources need: every informer the running operator opens, seen as the LIST
     * request it makes on start. That includes the reconciler's own event sources (the snapshot
     * Jobs), which no dependent declares.
     */
    static Set<ApiPermission> neededByInformers() {
        // the harness returns once JOSDK has started every event source, i.e. after each informer's
        // initial LIST
        try (OperatorHarness harness = OperatorHarness.start()) {
            Set<ApiPermission> needed = new TreeSet<>();
            harness.cluster().requests().since(0).stream()
                    .map(ApiPermission::of)
                    .filter(p -> p.verb().equals("list"))
                    .forEach(
                            p -> {
                                for (String verb : List.of("get", "list", "watch")) {
                                    needed.add(new ApiPermission(p.group(), p.resource(), verb));
                                }
                            });
            return needed;
        }
    }

    /**
     * The Lease of leader election lives in the operator's own namespace: a Role. fabric8's
     * LeaseLock renews it with PATCH (a real API server refused the Role without it, see the e2e
     * suite); JOSDK checks get, create and update before it starts leader election.
     */
    static Set<ApiPermission> neededInOwnNamespace() {
        Set<ApiPermission> needed = new TreeSet<>();
        grant(needed, Lease.class, "get", "create", "update", "patch");
        return needed;
    }

    static Set<ApiPermission> granted(List<PolicyRule> rules) {
        Set<ApiPermission> granted = new TreeSet<>();
        for (PolicyRule rule : rules) {
            assertThat(rule.getVerbs()).as("no wildcard verbs").doesNotContain("*");
            assertThat(rule.getResources()).as("no wildcard resources").doesNotContain("*");
            assertThat(rule.getApiGroups()).as("no wildcard groups").doesNotContain("*");
            assertThat(rule.getResourceNames()).as("no resourceNames").isEmpty();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(new ApiPermission(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }

    /** Everything rbac.yaml grants, cluster-wide and in the operator's namespace. */
    static Set<ApiPermission> grantedAnywhere() {
        Set<ApiPermission> all = new TreeSet<>(granted(only(ClusterRole.class).getRules()));
        all.addAll(granted(only(Role.class).getRules()));
        return all;
    }

    static <T> T only(Class<T> kind) {
        List<T> found = RBAC.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as("exactly one %s in rbac.yaml", kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    @Test
    void clusterRoleGrantsExactlyWhatTheDependentsAndEventSourcesNeed()
            throws ReflectiveOperationException {
        Set<ApiPermission> needed = neededByDependents();
        needed.addAll(neededByInformers());
        assertThat(granted(only(ClusterRole.class).getRules()))
                .containsExactlyInAnyOrderElementsOf(needed);
    }

    @Test
    void roleInTheOperatorNamespaceGrantsExactlyTheLease() {
        Role role = only(Role.class);
        assertThat(role.getMetadata().getNamespace()).isEqualTo("counter-operator-system");
        assertThat(granted(role.getRules()))
                .containsExactlyInAnyOrderElementsOf(neededInOwnNamespace());
    }

    @Test
    void bindingsGiveTheRolesToTheOperatorsServiceAccount() {
        ClusterRoleBinding clusterBinding = only(ClusterRoleBinding.class);
        assertThat(clusterBinding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(clusterBinding.getRoleRef().getName())
                .isEqualTo(only(ClusterRole.class).getMetadata().getName());
        RoleBinding binding = only(RoleBinding.class);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName())
                .isEqualTo(only(Role.class).getMetadata().getName());
        for (var subjects : List.of(clusterBinding.getSubjects(), binding.getSubjects())) {
            assertThat(subjects)
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                                assertThat(s.getName()).isEqualTo("counter-operator");
                                assertThat(s.getNamespace()).isEqualTo("counter-operator-system");
                            });
        }
    }
}
