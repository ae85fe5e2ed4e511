package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.gateway.ConfigException;
import dev.parley.gateway.GatewayConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
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
    /**
     * What a JVM takes beyond heap, direct buffers, metaspace and code: G1's structures, thread stacks, symbols and
     * arenas. -XX:NativeMemoryTracking showed about 100 MiB for a gateway with a 512 MiB heap and 300 connections.
     */
    private static final long JVM_OWN_MEMORY = 160L << 20;
    /** ingress-nginx's upstream-keepalive-timeout, a key of the controller's ConfigMap: its default, in seconds. */
    private static final int INGRESS_NGINX_UPSTREAM_KEEPALIVE_TIMEOUT = 60;

    private static YamlDocument kustomization;
    private static List<String> listed;
    private static KubernetesManifests k8s;
    private static Deployment deployment;
    private static Container gateway;

    @BeforeAll
    static void read() throws IOException {
        kustomization = YamlDocument.read(
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
    void theAutoscalerAloneSetsHowManyGatewaysRun() {
        assertThat(deployment.getSpec().getReplicas())
                .as("replicas in the Deployment: every apply would reset what the HPA chose").isNull();
        assertThat(kustomization.has("replicas")).as("kustomization.yaml's replicas: the same").isFalse();
        HorizontalPodAutoscaler hpa = k8s.get(HorizontalPodAutoscaler.class, GATEWAY);
        assertThat(hpa.getSpec().getMinReplicas()).as("a gateway left while the PDB lets one go").isGreaterThan(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
    }

    @Test
    void listensOnTheGatewaysPortAndOnTheManagementPortForTheCluster() {
        assertThat(gateway.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(tuple("http", GatewayConfig.DEFAULT_PORT),
                        tuple("management", GatewayConfig.DEFAULT_MANAGEMENT_PORT));
        assertThat(settings().getOrDefault("CHAT_PORT", String.valueOf(GatewayConfig.DEFAULT_PORT)))
                .isEqualTo(String.valueOf(GatewayConfig.DEFAULT_PORT));
        assertThat(settings().getOrDefault("CHAT_MANAGEMENT_PORT",
                String.valueOf(GatewayConfig.DEFAULT_MANAGEMENT_PORT)))
                .isEqualTo(String.valueOf(GatewayConfig.DEFAULT_MANAGEMENT_PORT));
        // The kubelet probes the pod's address, not 127.0.0.1, where the management port listens by default.
        assertThat(settings()).containsEntry("CHAT_MANAGEMENT_HOST", "0.0.0.0");
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
        PodEnvironment environment = PodEnvironment.of(gateway, k8s);
        assertThat(environment.values().keySet()).filteredOn(name -> name.startsWith("CHAT_"))
                .isNotEmpty().isSubsetOf(GatewayConfig.SETTINGS);
        assertThat(environment.values().keySet()).filteredOn(name -> !name.startsWith("CHAT_"))
                .allSatisfy(name -> assertThat(name.equals("JAVA_TOOL_OPTIONS") || environment.isReferenced(name))
                        .as("%s is neither a CHAT_ setting, nor JAVA_TOOL_OPTIONS, nor used as $(%s) by one", name, name)
                        .isTrue());
    }

    @Test
    void theGatewayAcceptsEverySettingButTheExampleSessionSecret() {
        Map<String, String> settings = settings();
        assertThatThrownBy(() -> GatewayConfig.fromEnvironment(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHAT_SESSION_SECRET is the example");

        settings.put("CHAT_SESSION_SECRET", "4b1d3c5e7f9a0b2c4d6e8f1a3b5c7d9e0f2a4b6c8d1e3f5a7b9c0d2e4f6a8b1c");
        GatewayConfig config = GatewayConfig.fromEnvironment(settings);
        assertThat(config.databaseUrl()).isPresent();
        assertThat(config.redisUrl()).isPresent();
    }

    @Test
    void theDatabasePasswordIsKeptOnceInTheOneSecretThatPostgresAndTheGatewaysRead() {
        List<Secret> secrets = k8s.ofType(Secret.class);
        assertThat(secrets).as("one Secret").hasSize(1);
        EnvVar postgresPassword = k8s.get(StatefulSet.class, "postgres").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream().filter(env -> env.getName().equals("POSTGRES_PASSWORD"))
                .findFirst().orElseThrow(() -> new AssertionError("Postgres has no POSTGRES_PASSWORD"));
        assertThat(postgresPassword.getValueFrom().getSecretKeyRef().getName())
                .isEqualTo(secrets.get(0).getMetadata().getName());
        String password = PodEnvironment.secretData(secrets.get(0)).get(postgresPassword.getValueFrom()
                .getSecretKeyRef().getKey());
        assertThat(password).isNotBlank();

        URI database = URI.create(settings().get("CHAT_DATABASE_URL").substring("r2dbc:".length()));
        assertThat(database.getUserInfo()).as("the gateways log in with Postgres's password")
                .isEqualTo("parley:" + password);
        assertThat(PodEnvironment.of(gateway, k8s).written().values()).as("no second copy of the password")
                .noneSatisfy(value -> assertThat(value).contains(password));
    }

    @Test
    void theJvmsHeapDirectMemoryMetaspaceAndCodeFitUnderTheMemoryLimit() {
        String options = settings().getOrDefault("JAVA_TOOL_OPTIONS", "");
        long heap = jvmSize(options, "-Xmx");
        long direct = jvmSize(options, "-XX:MaxDirectMemorySize=");
        long metaspace = jvmSize(options, "-XX:MaxMetaspaceSize=");
        long code = jvmSize(options, "-XX:ReservedCodeCacheSize=");
        long limit = Quantity.getAmountInBytes(gateway.getResources().getLimits().get("memory")).longValueExact();

        assertThat(heap + direct + metaspace + code + JVM_OWN_MEMORY)
                .as("heap %d MiB + direct %d MiB + metaspace %d MiB + code %d MiB + the JVM's own %d MiB vs the "
                        + "limit %d MiB", heap >> 20, direct >> 20, metaspace >> 20, code >> 20, JVM_OWN_MEMORY >> 20,
                        limit >> 20)
                .isLessThanOrEqualTo(limit);
        assertThat(gateway.getResources().getRequests().get("memory")).as("the request holds what the JVM may take")
                .isEqualTo(gateway.getResources().getLimits().get("memory"));
    }

    @Test
    void theGatewayKeepsIdleConnectionsOpenLongerThanIngressNginxDoes() {
        assertThat(k8s.get(Ingress.class, GATEWAY).getSpec().getIngressClassName()).isEqualTo("nginx");
        String idle = k8s.get(ConfigMap.class, GATEWAY).getData().get("CHAT_IDLE_TIMEOUT_SECONDS");
        assertThat(idle).as("CHAT_IDLE_TIMEOUT_SECONDS, set in the ConfigMap").isNotNull();
        assertThat(Integer.parseInt(idle)).as("seconds the gateway keeps an idle connection, vs ingress-nginx's "
                + "upstream-keepalive-timeout").isGreaterThan(INGRESS_NGINX_UPSTREAM_KEEPALIVE_TIMEOUT);
    }

    @Test
    void redisIsReplacedRatherThanRolledAndItsMaxmemoryFitsItsLimit() {
        Deployment redis = k8s.get(Deployment.class, "redis");
        assertThat(redis.getSpec().getStrategy()).as("never two Redis behind the Service: a strategy").isNotNull();
        assertThat(redis.getSpec().getStrategy().getType()).as("never two Redis behind the Service")
                .isEqualTo("Recreate");
        Container server = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = server.getArgs();
        assertThat(args).contains("--maxmemory", "--maxmemory-policy");
        long maxmemory = redisBytes(args.get(args.indexOf("--maxmemory") + 1));
        long limit = Quantity.getAmountInBytes(server.getResources().getLimits().get("memory")).longValueExact();
        assertThat(maxmemory).as("maxmemory vs 3/4 of the limit, %d bytes", limit).isPositive()
                .isLessThanOrEqualTo(limit / 4 * 3);
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

    /** The gateway container's environment, as Kubernetes makes it from the ConfigMap, the Secret and env. */
    private static Map<String, String> settings() {
        return PodEnvironment.of(gateway, k8s).values();
    }

    /** A JVM option's size ({@code -Xmx512m}, {@code -XX:MaxDirectMemorySize=128m}) in bytes; it must be there. */
    private static long jvmSize(String options, String option) {
        Matcher size = Pattern.compile("(?:^|\\s)" + Pattern.quote(option) + "(\\d+)([kKmMgG]?)(?=\\s|$)")
                .matcher(options);
        assertThat(size.find()).as("%s in JAVA_TOOL_OPTIONS '%s'", option, options).isTrue();
        long amount = Long.parseLong(size.group(1));
        return switch (size.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> amount << 10;
            case "m" -> amount << 20;
            case "g" -> amount << 30;
            default -> amount;
        };
    }

    /** A size as redis.conf writes it: {@code 1mb} is 1024 * 1024 bytes, {@code 1m} a million. */
    private static long redisBytes(String size) {
        Matcher parts = Pattern.compile("(\\d+)(k|kb|m|mb|g|gb)?").matcher(size.toLowerCase(java.util.Locale.ROOT));
        assertThat(parts.matches()).as("a Redis size: %s", size).isTrue();
        long amount = Long.parseLong(parts.group(1));
        return amount * switch (parts.group(2) == null ? "" : parts.group(2)) {
            case "k" -> 1_000L;
            case "kb" -> 1L << 10;
            case "m" -> 1_000_000L;
            case "mb" -> 1L << 20;
            case "g" -> 1_000_000_000L;
            case "gb" -> 1L << 30;
            default -> 1L;
        };
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
        assertThat(number).as("the port probed for %s", path).isEqualTo(GatewayConfig.DEFAULT_MANAGEMENT_PORT);
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
