# counter-operator: the counter service (counter-app/) and its Kubernetes operator (operator/).
SHELL := bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
JAVA ?= java
APP_JAR := counter-app/target/counter-app.jar
OPERATOR_JAR := operator/target/counter-operator.jar
BENCH_JAR := benchmarks/target/benchmarks.jar

# command:debian-package pairs
TEST_PACKAGES := redis-server:redis-server etcd:etcd-server etcdctl:etcd-client
BENCH_PACKAGES := $(TEST_PACKAGES) wrk:wrk

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: deps
deps: ## Install the system packages the tests need (redis-server, etcd) when missing
	@scripts/ensure-packages.sh $(TEST_PACKAGES)

.PHONY: build
build: ## Compile and package every module (runnable jars in */target)
	$(MVN) -DskipTests package

.PHONY: test
test: deps ## Run every test of every module
	$(MVN) verify

.PHONY: run
run: ## Start the counter service on port 8080 (PORT, COUNTER_* variables apply) with the memory backend
	$(MVN) -q -DskipTests -pl counter-app -am package
	$(JAVA) -jar $(APP_JAR)

.PHONY: run-operator
run-operator: ## Build and run the operator against the current kubeconfig context (says so when no cluster is reachable)
	$(MVN) -q -DskipTests -pl operator -am package
	$(JAVA) -jar $(OPERATOR_JAR)

.PHONY: manifests
manifests: ## Regenerate crds/ from the Java model (a test fails while the committed CRD is stale)
	$(MVN) -q -pl operator -am -Pupdate-crd process-classes

.PHONY: bench
bench: ## Benchmarks: JMH strategies, wrk HTTP load (memory/redis/etcd), operator scale on the mock API
	@scripts/ensure-packages.sh $(BENCH_PACKAGES)
	$(MVN) -q -DskipTests -pl benchmarks -am package
	$(JAVA) -cp $(BENCH_JAR) dev.counter.bench.StrategyBench
	$(JAVA) -cp $(BENCH_JAR) dev.counter.bench.HttpBench
	$(MVN) -q -pl operator test-compile exec:exec@bench

.PHONY: clean
clean: ## Remove build output
	$(MVN) -q clean
