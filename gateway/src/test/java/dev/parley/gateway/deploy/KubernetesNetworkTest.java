package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayConfig;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who reaches what in k8s/: only the gateways reach Redis and Postgres; the Ingress routes the site, not /metrics;
 * the gateways' management port is neither on their Service nor open to any pod but the monitoring namespace's.
 */
class KubernetesNetworkTest {

    /** Paths of the site, one for each kind of route of the gateway (ChatApp.java), that the Ingress must route. */
    private static final List<String> SITE = List.of("/", "/chat/lobby/", "/static/js/room.js",
            "/static/css/base.css", "/api/me", "/api/signin", "/api/rooms", "/api/rooms/lobby/messages",
            "/ws/chat/lobby/");
    /** The gateway's operations endpoints: for the cluster's probes and Prometheus, never for the Internet. */
    private static final List<String> INTERNAL = List.of("/metrics", "/healthz", "/readyz", "/metrics/");

    private static KubernetesManifests k8s;
    private static PodTemplateSpec gateways;

    @BeforeAll
    static void read() throws IOException {
        YamlDocument kustomization = YamlDocument.read(
                KubernetesManifests.DIRECTORY.resolve(KubernetesManifests.KUSTOMIZATION));
        k8s = KubernetesManifests.read(kustomization.list("resources").stream().map(String::valueOf).toList());
        gateways = k8s.get(Deployment.class, "parley-gateway").getSpec().getTemplate();
    }

    @Test
    void onlyTheGatewaysReachRedis() {
        onlyTheGatewaysReach(k8s.get(Deployment.class, "redis").getSpec().getTemplate());
    }

    @Test
    void onlyTheGatewaysReachPostgres() {
        onlyTheGatewaysReach(k8s.get(StatefulSet.class, "postgres").getSpec().getTemplate());
    }

    @Test
    void theIngressRoutesTheSiteButNotMetricsNorProbes() {
        List<HTTPIngressPath> paths = new ArrayList<>();
        k8s.get(Ingress.class, "parley-gateway").getSpec().getRules()
                .forEach(rule -> paths.addAll(rule.getHttp().getPaths()));
        assertThat(paths).isNotEmpty();

        assertThat(SITE).allSatisfy(path -> assertThat(paths).as("an Ingress path routing %s", path)
                .anySatisfy(route -> assertThat(routes(route, path)).isTrue()));
        assertThat(INTERNAL).allSatisfy(path -> assertThat(paths).as("Ingress paths routing %s", path)
                .noneSatisfy(route -> assertThat(routes(route, path)).isTrue()));
    }

    @Test
    void theManagementPortIsNotOnTheServiceAndOnlyTheMonitoringNamespaceReachesIt() {
        Service service = k8s.get(Service.class, "parley-gateway");
        assertThat(service.getSpec().getPorts()).extracting(port -> port.getTargetPort().getStrVal())
                .containsExactly("http");

        List<NetworkPolicy> policies = k8s.ofType(NetworkPolicy.class).stream()
                .filter(policy -> selects(policy.getSpec().getPodSelector(), gateways.getMetadata().getLabels()))
                .toList();
        assertThat(policies).as("NetworkPolicies selecting the gateway pods").hasSize(1);
        List<NetworkPolicyIngressRule> rules = policies.get(0).getSpec().getIngress();
        assertThat(policies.get(0).getSpec().getPolicyTypes()).contains("Ingress");
        assertThat(rules).allSatisfy(rule -> assertThat(rule.getPorts()).as("a rule naming no port opens every one")
                .isNotEmpty());
        for (NetworkPolicyIngressRule rule : rules) {
            List<Integer> ports = rule.getPorts().stream().map(port -> port.getPort().getIntVal()).toList();
            if (ports.contains(GatewayConfig.DEFAULT_MANAGEMENT_PORT)) {
                assertThat(ports).as("the management port shares no rule").containsExactly(
                        GatewayConfig.DEFAULT_MANAGEMENT_PORT);
                assertThat(rule.getFrom()).as("who reaches the management port").isNotEmpty().allSatisfy(peer -> {
                    assertThat(peer.getIpBlock()).isNull();
                    assertThat(peer.getPodSelector()).isNull();
                    assertThat(peer.getNamespaceSelector().getMatchLabels())
                            .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
                });
            } else {
                assertThat(ports).as("what the policy opens to everyone").containsExactly(GatewayConfig.DEFAULT_PORT);
            }
        }
        assertThat(rules).as("a rule for each port").hasSize(2);
    }

    /** A NetworkPolicy selects these pods, lets in only gateway pods, on the pods' own port, and nothing else. */
    private static void onlyTheGatewaysReach(PodTemplateSpec target) {
        Map<String, String> targetLabels = target.getMetadata().getLabels();
        List<Integer> ports = target.getSpec().getContainers().stream()
                .flatMap(container -> container.getPorts().stream()).map(ContainerPort::getContainerPort).toList();
        List<NetworkPolicy> policies = k8s.ofType(NetworkPolicy.class).stream()
                .filter(policy -> selects(policy.getSpec().getPodSelector(), targetLabels)).toList();

        assertThat(policies).as("NetworkPolicies selecting pods labelled %s", targetLabels).isNotEmpty();
        assertThat(policies).allSatisfy(policy -> {
            assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
            assertThat(selects(policy.getSpec().getPodSelector(), gateways.getMetadata().getLabels()))
                    .as("%s leaves the gateways alone", policy.getMetadata().getName()).isFalse();
            List<NetworkPolicyIngressRule> rules = Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of());
            assertThat(rules).allSatisfy(rule -> {
                assertThat(rule.getFrom()).as("a rule naming no peer lets everyone in").isNotEmpty();
                assertThat(rule.getFrom()).allSatisfy(KubernetesNetworkTest::isGatewaysOnly);
                assertThat(rule.getPorts()).as("a rule naming no port opens every one").isNotEmpty()
                        .allSatisfy(port -> assertThat(port.getPort().getIntVal()).isIn(ports));
            });
            assertThat(rules).as("the gateways are let in").isNotEmpty();
        });
    }

    private static void isGatewaysOnly(NetworkPolicyPeer peer) {
        assertThat(peer.getIpBlock()).as("an IP block").isNull();
        assertThat(peer.getNamespaceSelector()).as("other namespaces").isNull();
        assertThat(peer.getPodSelector()).isNotNull();
        assertThat(selects(peer.getPodSelector(), gateways.getMetadata().getLabels()))
                .as("peer %s selects the gateway pods %s", peer.getPodSelector(), gateways.getMetadata().getLabels())
                .isTrue();
        for (PodTemplateSpec other : List.of(k8s.get(Deployment.class, "redis").getSpec().getTemplate(),
                k8s.get(StatefulSet.class, "postgres").getSpec().getTemplate())) {
            assertThat(selects(peer.getPodSelector(), other.getMetadata().getLabels()))
                    .as("peer %s selects pods labelled %s too", peer.getPodSelector(), other.getMetadata().getLabels())
                    .isFalse();
        }
    }

    /** Whether a label selector selects pods with these labels, as Kubernetes decides it. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean matches = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
        for (LabelSelectorRequirement requirement : Optional.ofNullable(selector.getMatchExpressions())
                .orElse(List.of())) {
            String value = labels.get(requirement.getKey());
            matches &= switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("no such selector operator: " + requirement.getOperator());
            };
        }
        return matches;
    }

    /**
     * Whether an Ingress path routes a request path, by the Ingress spec: {@code Exact} is the same path;
     * {@code Prefix} matches whole path elements, a trailing slash aside ({@code /chat/} routes {@code /chat/x/}).
     */
    static boolean routes(HTTPIngressPath route, String path) {
        return switch (route.getPathType()) {
            case "Exact" -> route.getPath().equals(path);
            case "Prefix" -> {
                List<String> prefix = elements(route.getPath());
                List<String> asked = elements(path);
                yield asked.size() >= prefix.size() && asked.subList(0, prefix.size()).equals(prefix);
            }
            default -> throw new AssertionError("pathType " + route.getPathType() + " of " + route.getPath()
                    + " means what the controller wants: use Exact or Prefix");
        };
    }

    private static List<String> elements(String path) {
        return Arrays.stream(path.split("/")).filter(element -> !element.isEmpty()).toList();
    }
}
