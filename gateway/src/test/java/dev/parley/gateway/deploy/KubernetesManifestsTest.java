package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every manifest under k8s/ is a well-formed Kubernetes object that agrees with the gateway and with the others. */
class KubernetesManifestsTest {

    private static final String GATEWAY = "parley-gateway";

    private static List<String> listed;
    private static KubernetesManifests k8s;
    private static Deployment deployment;
    private static Container gateway;

    @BeforeAll
    static void read() throws IOException {
        YamlDocument kustomization = YamlDocument.read(
                KubernetesManifests.DIRECTORY.resolve(KubernetesManifests.KUSTOMIZATION));
        listed = kustomization.list("resources").stream().map(String::valueOf).toList();
        k8s = KubernetesManifests.read(listed.stream().filter(file -> KubernetesManifests.DIRECTORY.resolve(file)
                .toFile().isFile()).toList());
        deployment = k8s.get(Deployment.class, GATEWAY);
        gateway = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theKustomizationListsEveryManifestAndNothingElse() throws IOException {
        assertThat(listed).containsExactlyInAnyOrderElementsOf(KubernetesManifests.filesOnDisk());
    }

    @Test
    void everyObjectIsAKindKubernetesKnowsWithNoUnknownFields() {
        assertThat(k8s.all()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (KubernetesManifests.Manifest manifest : k8s.all()) {
            if (manifest.object() instanceof GenericKubernetesResource unknown) {
                problems.add("k8s/" + manifest.file() + ": no such apiVersion/kind: " + unknown.getApiVersion() + " "
                        + unknown.getKind());
            }
            UnknownFields.in(manifest.object()).forEach(field ->
                    problems.add("k8s/" + manifest.file() + ": unknown field at " + field));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void threeReplicasListenOnTheGatewaysPort() {
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(gateway.getPorts()).extracting(ContainerPort::getContainerPort)
                .containsExactly(GatewayConfig.DEFAULT_PORT);
        assertThat(settings().getOrDefault("CHAT_PORT", String.valueOf(GatewayConfig.DEFAULT_PORT)))
                .isEqualTo(String.valueOf(GatewayConfig.DEFAULT_PORT));
    }

    @Test
    void probesAskTheGatewaysHealthEndpoints() {
        assertProbe(gateway.getLivenessProbe(), "/healthz");
        assertProbe(gateway.getReadinessProbe(), "/readyz");
        if (gateway.getStartupProbe() != null) {
            assertProbe(gateway.getStartupProbe(), "/healthz");
        }
    }

    @Test
    void everySettingIsOneTheGatewayReads() {
        assertThat(settings().keySet()).isNotEmpty().isSubsetOf(GatewayConfig.SETTINGS);
        if (gateway.getEnv() != null) {
            assertThat(gateway.getEnv()).allSatisfy(env -> assertThat(env.getName()).isIn(GatewayConfig.SETTINGS));
        }
    }

    @Test
    void theGatewayFindsRedisAndPostgresByServicesOfThisInstall() {
        Map<String, String> settings = settings();
        String redisHost = URI.create(settings.get("CHAT_REDIS_URL").split(",")[0].trim()).getHost();
        String databaseHost = URI.create(settings.get("CHAT_DATABASE_URL").substring("r2dbc:".length())).getHost();
        k8s.get(Service.class, redisHost);
        k8s.get(Service.class, databaseHost);
    }

    @Test
    void aStoppingPodHasTimeToLeaveTheEndpointsAndDrain() {
        long drain = Long.parseLong(settings().getOrDefault("CHAT_DRAIN_SECONDS",
                String.valueOf(GatewayConfig.DEFAULT_DRAIN_DEADLINE.toSeconds())));
        long preStop = preStopSleepSeconds(gateway.getLifecycle().getPreStop());
        assertThat(preStop).as("preStop sleep, while endpoints drop the pod").isPositive();
        assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("terminationGracePeriodSeconds vs preStop %d s + CHAT_DRAIN_SECONDS %d s", preStop, drain)
                .isGreaterThan(preStop + drain);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
                .isEqualTo(new IntOrString(0));
    }

    @Test
    void runsAsNonRootOnAReadOnlyRootWithWritableTmpAndDataDirectory() {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(gateway.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(gateway.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        List<String> mounts = gateway.getVolumeMounts().stream().map(mount -> mount.getMountPath()).toList();
        assertThat(mounts).contains("/tmp");
        String dataDir = settings().get("CHAT_DATA_DIR");
        assertThat(mounts).as("a writable mount holding CHAT_DATA_DIR %s", dataDir)
                .anySatisfy(mount -> assertThat(dataDir).startsWith(mount));
        assertThat(gateway.getResources().getRequests()).as("the HPA needs a CPU request").containsKey("cpu");
        assertThat(gateway.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void theServiceAndTheIngressLeadToTheGatewaysNamedPort() {
        Service service = k8s.get(Service.class, GATEWAY);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(port.getTargetPort().getStrVal()).as("targets the named port")
                .isEqualTo(gateway.getPorts().get(0).getName());

        Ingress ingress = k8s.get(Ingress.class, GATEWAY);
        List<IngressBackend> backends = new ArrayList<>();
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths()
                .forEach(path -> backends.add(path.getBackend())));
        assertThat(backends).isNotEmpty().allSatisfy(backend -> {
            assertThat(backend.getService().getName()).isEqualTo(GATEWAY);
            assertThat(backend.getService().getPort().getName()).isEqualTo(port.getName());
        });
    }

    @Test
    void theIngressKeepsQuietWebSocketsForAnHourAndRetriesDrainingPods() {
        Map<String, String> annotations = k8s.get(Ingress.class, GATEWAY).getMetadata().getAnnotations();
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/" + timeout)))
                    .as(timeout).isGreaterThanOrEqualTo(3600);
        }
        assertThat(annotations.get("nginx.ingress.kubernetes.io/proxy-next-upstream")).contains("http_503");
    }

    @Test
    void theAutoscalerAndTheDisruptionBudgetCoverTheGatewayPods() {
        HorizontalPodAutoscaler hpa = k8s.get(HorizontalPodAutoscaler.class, GATEWAY);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(GATEWAY);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(deployment.getSpec().getReplicas());
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric ->
                assertThat(metric.getResource().getName()).isEqualTo("cpu"));

        PodDisruptionBudget pdb = k8s.get(PodDisruptionBudget.class, GATEWAY);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void postgresKeepsItsDataOnAVolumeClaim() {
        StatefulSet postgres = k8s.get(StatefulSet.class, "postgres");
        Set<String> claims = new HashSet<>();
        postgres.getSpec().getVolumeClaimTemplates().forEach(claim -> claims.add(claim.getMetadata().getName()));
        assertThat(claims).isNotEmpty();
        assertThat(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getName()).isIn(claims));
        k8s.get(Service.class, postgres.getSpec().getServiceName());
    }

    /** The gateway's settings: every ConfigMap and Secret its envFrom names (each must exist), merged. */
    private static Map<String, String> settings() {
        Map<String, String> settings = new java.util.TreeMap<>();
        for (EnvFromSource source : gateway.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                ConfigMap map = k8s.get(ConfigMap.class, source.getConfigMapRef().getName());
                settings.putAll(map.getData());
            }
            if (source.getSecretRef() != null) {
                Secret secret = k8s.get(Secret.class, source.getSecretRef().getName());
                if (secret.getStringData() != null) {
                    settings.putAll(secret.getStringData());
                }
                if (secret.getData() != null) {
                    secret.getData().forEach((key, base64) -> settings.put(key,
                            new String(java.util.Base64.getDecoder().decode(base64),
                                    java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        return settings;
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("an HTTP probe on %s", path).isNotNull();
        assertThat(get.getPath()).isEqualTo(path);
        IntOrString port = get.getPort();
        int number = port.getStrVal() == null ? port.getIntVal() : gateway.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
        assertThat(number).as("the port probed for %s", path).isEqualTo(GatewayConfig.DEFAULT_PORT);
    }

    /** Seconds a preStop handler sleeps: {@code sleep: {seconds: N}}, or an exec of {@code sleep N}. */
    private static long preStopSleepSeconds(LifecycleHandler preStop) {
        assertThat(preStop).as("a preStop handler").isNotNull();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        assertThat(preStop.getExec()).as("preStop sleeps or runs sleep").isNotNull();
        Matcher sleep = Pattern.compile("\\bsleep\\s+(\\d+)\\b").matcher(String.join(" ", preStop.getExec().getCommand()));
        assertThat(sleep.find()).as("preStop runs sleep N: %s", preStop.getExec().getCommand()).isTrue();
        return Long.parseLong(sleep.group(1));
    }
}
