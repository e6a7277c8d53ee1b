package dev.counter.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromQlNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '%',
            textBlock =
                    """
            up                                                                        | up
            job:requests:rate5m{job="a"}                                               | job:requests:rate5m
            sum by (route, status) (rate(http_seconds_count{status=~"5.."}[5m]))      | http_seconds_count
            sum(rate(x_total[5m])) by (le, pod)                                        | x_total
            histogram_quantile(0.99, sum by (le) (rate(lat_seconds_bucket{a="b"}[$__rate_interval]))) | lat_seconds_bucket
            max without (instance, pod) (foo offset 5m)                               | foo
            a / on (pod) group_left (node, zone) b                                    | a b
            a * on (pod) group_left b                                                 | a b
            a * ignoring (code) group_right c                                         | a c
            foo > bool 0                                                               | foo
            foo and on () bar or baz unless qux                                        | bar baz foo qux
            SUM BY (job) (Foo)                                                         | Foo
            label_replace(up, "route", "$1", "path", "(/[a-z_]+)")                    | up
            count_values("version", build_info)                                        | build_info
            topk(5, sum by (route) (rate(requests_count{route="/by (x) y"}[1h:5m]))) | requests_count
            {__name__="named_by_matcher", job="x"}                                    | named_by_matcher
            {__name__=~"regex_.*"} + {"utf8.name"}                                    | utf8.name
            absent(up{job="op"} == 1)                                                  | up
            time() - max(snapshot_timestamp_seconds{ns="$namespace"}) @ end()         | snapshot_timestamp_seconds
            foo - 1e-3 * 0x1F + .5 - Inf + NaN                                        | foo
            rate(foo{a='it\\'s'}[${interval}])                                          | foo
            min_over_time(store_up[1h30m:1m])                                          | store_up
            sum(rate(a_total{msg="a \\" } ( b"}[5m])) # sum(c_total)                    | a_total
            floor(members / 2) + 1 > ready                                             | members ready
            """)
    void findsTheMetricNames(String expr, String expected) {
        assertThat(PromQlNames.of(expr)).containsExactly(expected.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '%',
            textBlock =
                    """
            foo{a="x", b=~"y", __name__="foo"}                                        | a:foo b:foo
            sum by (route, status) (rate(x_count{ns="$ns"}[5m]))                       | route:x_count status:x_count ns:x_count
            sum(rate(x_count[5m])) by (le)                                             | le:x_count
            sum without (pod) (x) / on (job) group_left (node) y                       | %%
            histogram_quantile(0.9, sum by (le, route) (rate(a_bucket[5m]) or rate(b_bucket[5m]))) | le:a_bucket,b_bucket route:a_bucket,b_bucket
            max by (ns) (min by (pod) (x))                                             | ns:x pod:x
            sum by ("utf8.label") ({"utf8.name"})                                      | utf8.label:utf8.name
            sum by (a) (x{b="(", c=")"}) > bool 1                                      | a:x b:x c:x
            """)
    void findsTheLabelsEachMetricIsExpectedToCarry(String expr, String expected) {
        List<String> uses =
                PromQlNames.labelUses(expr).stream()
                        .map(use -> use.label() + ":" + String.join(",", use.metrics()))
                        .toList();
        assertThat(uses).containsExactlyInAnyOrder(expected.isEmpty() ? new String[0] : expected.split(" "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sum(rate(x{a=\"b}[5m]))",
                "x{a=\"b\"",
                "rate(x[5m)",
                "sum by (a, b sum(x)",
                "x{a=\"b\", c=\"{\"} + y{",
            })
    void aBrokenExpressionIsAnErrorNotFewerNames(String expr) {
        assertThatThrownBy(() -> PromQlNames.of(expr)).isInstanceOf(IllegalArgumentException.class);
    }
}
