package dev.counter.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.counter.operator.model.Backend;
import dev.counter.operator.model.CounterApp;
import dev.counter.operator.testing.CounterApps;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;

class IngressDependentTest {

    private final IngressDependent dependent = new IngressDependent();

    @Test
    void routesTheHostAndPathToTheServicesHttpPort() {
        CounterApp app = exposed();
        app.getSpec().getIngress().setPath("/counter");
        app.getSpec().getIngress().setClassName("nginx");
        Ingress ingress = dependent.desired(app, null);

        assertThat(ingress.getMetadata().getName()).isEqualTo("hits");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getHost()).isEqualTo("counter.example.com"));
        HTTPIngressPath path = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0);
        assertThat(path.getPath()).isEqualTo("/counter");
        assertThat(path.getPathType()).isEqualTo("Prefix");
        assertThat(path.getBackend().getService().getName()).isEqualTo("hits");
        assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
        assertThat(ingress.getSpec().getTls()).isNullOrEmpty();
    }

    @Test
    void terminatesTlsWhenASecretIsNamed() {
        CounterApp app = exposed();
        app.getSpec().getIngress().setTlsSecretName("counter-tls");
        Ingress ingress = dependent.desired(app, null);
        assertThat(ingress.getSpec().getTls())
                .singleElement()
                .satisfies(
                        tls -> {
                            assertThat(tls.getSecretName()).isEqualTo("counter-tls");
                            assertThat(tls.getHosts()).containsExactly("counter.example.com");
                        });
    }

    @Test
    void preconditionHoldsOnlyWhileEnabled() {
        CounterApp app = exposed();
        var condition = new IngressEnabledCondition();
        assertThat(condition.isMet(dependent, app, null)).isTrue();
        app.getSpec().getIngress().setEnabled(false);
        assertThat(condition.isMet(dependent, app, null)).isFalse();
        app.getSpec().setIngress(null);
        assertThat(condition.isMet(dependent, app, null)).isFalse();
    }

    private static CounterApp exposed() {
        CounterApp app = CounterApps.stored("hits", Backend.MEMORY);
        app.getSpec().getIngress().setEnabled(true);
        app.getSpec().getIngress().setHost("counter.example.com");
        return app;
    }
}
