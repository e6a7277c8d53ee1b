# counter-operator: the counter service (counter-app/) and its Kubernetes operator (operator/).
SHELL := bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
JAVA ?= java
APP_JAR := counter-app/target/counter-app.jar
OPERATOR_JAR := operator/target/counter-operator.jar
BENCH_JAR := benchmarks/target/benchmarks.jar
CRD := crds/counterapps.counter.dev-v1.yml
KUBECTL ?= kubectl

# the project version: the <version> right after the parent's artifactId in the root pom
VERSION := $(shell sed -n '/<artifactId>counter-operator-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q;}' pom.xml)
REGISTRY ?= ghcr.io/counter-operator
TAG ?= $(VERSION)
IMG ?= $(REGISTRY)/counter-operator:$(TAG)
# the image operator/deploy names; make deploy swaps in IMG
DEFAULT_IMG := ghcr.io/counter-operator/counter-operator:$(VERSION)
DEFAULT_APP_IMG := ghcr.io/counter-operator/counter-app:$(VERSION)
APP_IMG ?= $(REGISTRY)/counter-app:$(TAG)

# command:debian-package pairs
TEST_PACKAGES := redis-server:redis-server etcd:etcd-server etcdctl:etcd-client
BENCH_PACKAGES := $(TEST_PACKAGES) wrk:wrk

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: deps
deps: ## Install the system packages the tests need (redis-server, etcd) when missing
	@scripts/ensure-packages.sh $(TEST_PACKAGES)

.PHONY: build
build: ## Compile and package every module (runnable jars in */target)
	$(MVN) -DskipTests package

# The e2e suite's Kubernetes binaries, built from the Go module proxy into a cache outside the tree.
.PHONY: control-plane
control-plane: ## Build kube-apiserver, controller-manager, scheduler, kubectl and KWOK into ~/.cache when missing (~15 min once)
	@scripts/build-control-plane.sh >/dev/null

.PHONY: test
test: deps control-plane ## Run every test of every module, the e2e suite on a real control plane included
	$(MVN) verify

.PHONY: e2e
e2e: deps control-plane ## Run only the end-to-end suite: the operator on etcd + kube-apiserver + controller-manager + scheduler + KWOK
	$(MVN) -pl e2e -am verify -Dtest='*E2eTest' -Dsurefire.failIfNoSpecifiedTests=false

.PHONY: sandbox
sandbox: deps control-plane ## A local control plane with the operator; prints the KUBECONFIG line; pods are simulated by KWOK; Ctrl-C stops it
	$(MVN) -q -pl e2e -am -DskipTests -Psandbox package

.PHONY: run
run: ## Start the counter service on port 8080 (PORT, COUNTER_* variables apply) with the memory backend
	$(MVN) -q -DskipTests -pl counter-app -am package
	$(JAVA) -jar $(APP_JAR)

.PHONY: run-operator
run-operator: ## Build and run the operator against the current kubeconfig context (says so when no cluster is reachable)
	$(MVN) -q -DskipTests -pl operator -am package
	$(JAVA) -jar $(OPERATOR_JAR)

.PHONY: install
install: ## Install the CounterApp CRD into the current kubeconfig context
	@command -v $(KUBECTL) >/dev/null || { echo "error: $(KUBECTL) not found"; exit 1; }
	$(KUBECTL) apply --server-side -f $(CRD)

.PHONY: uninstall
uninstall: ## Remove the CRD, and with it every CounterApp and what the operator made for them
	$(KUBECTL) delete --ignore-not-found -f $(CRD)

.PHONY: deploy
deploy: ## Install the CRD and the operator (namespace, RBAC, 2 replicas) from operator/deploy; IMG and APP_IMG select the images
	@command -v $(KUBECTL) >/dev/null || { echo "error: $(KUBECTL) not found"; exit 1; }
	$(KUBECTL) kustomize operator/deploy | sed -e 's|$(DEFAULT_IMG)|$(IMG)|' -e 's|$(DEFAULT_APP_IMG)|$(APP_IMG)|' \
		| $(KUBECTL) apply --server-side -f -

.PHONY: deploy-monitoring
deploy-monitoring: ## Install the operator's own monitoring (ServiceMonitor, alerts, dashboard) from operator/deploy/monitoring; needs the Prometheus Operator's CRDs
	@command -v $(KUBECTL) >/dev/null || { echo "error: $(KUBECTL) not found"; exit 1; }
	@$(KUBECTL) get crd servicemonitors.monitoring.coreos.com >/dev/null 2>&1 \
		|| { echo "error: no ServiceMonitor CRD in this cluster: install the Prometheus Operator first"; exit 1; }
	$(KUBECTL) apply --server-side -k operator/deploy/monitoring

.PHONY: undeploy
undeploy: ## Remove the operator (the CRD and the CounterApps stay; make uninstall removes those)
	$(KUBECTL) kustomize operator/deploy | $(KUBECTL) delete --ignore-not-found -f - -l app.kubernetes.io/part-of=counter-operator

.PHONY: manifests
manifests: ## Regenerate crds/ from the Java model (a test fails while the committed CRD is stale)
	$(MVN) -q -pl operator -am -Pupdate-crd process-classes

# The operator's scale bench runs from its test classpath, which needs testkit installed.
.PHONY: bench
bench: ## Benchmarks: JMH strategies, wrk HTTP load (memory/redis/etcd), gRPC increment load, Fibonacci /next cost, operator scale on the mock API
	@scripts/ensure-packages.sh $(BENCH_PACKAGES)
	$(MVN) -q -DskipTests -pl benchmarks -am package
	$(JAVA) -cp $(BENCH_JAR) dev.counter.bench.StrategyBench
	$(JAVA) -cp $(BENCH_JAR) dev.counter.bench.HttpBench
	$(JAVA) -cp $(BENCH_JAR) dev.counter.bench.GrpcBench
	$(JAVA) -cp $(BENCH_JAR) dev.counter.bench.FibonacciBench
	$(MVN) -q -DskipTests -pl operator -am install
	$(MVN) -q -pl operator test-compile exec:exec@bench

.PHONY: docker-build
docker-build: ## Build the counter-app (APP_IMG) and operator (IMG) images; needs a Docker engine
	docker build -f counter-app/Dockerfile -t $(APP_IMG) .
	docker build -f operator/Dockerfile -t $(IMG) .

.PHONY: docker-push
docker-push: ## Push both images; REGISTRY (default ghcr.io/counter-operator), TAG (default the project version)
	docker push $(APP_IMG)
	docker push $(IMG)

.PHONY: clean
clean: ## Remove build output
	$(MVN) -q clean
