package dev.parley.gateway.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment Kubernetes gives a container of k8s/, worked out as the kubelet does: every {@code envFrom}
 * source, then each {@code env} entry in order, a {@code $(NAME)} in a value replaced by the variable defined
 * before it. Every ConfigMap and Secret named must be among the manifests.
 */
final class PodEnvironment {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final Map<String, String> values;
    private final Map<String, String> written;

    private PodEnvironment(Map<String, String> values, Map<String, String> written) {
        this.values = values;
        this.written = written;
    }

    static PodEnvironment of(Container container, KubernetesManifests k8s) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null) {
                values.putAll(k8s.get(ConfigMap.class, source.getConfigMapRef().getName()).getData());
            }
            if (source.getSecretRef() != null) {
                values.putAll(secretData(k8s.get(Secret.class, source.getSecretRef().getName())));
            }
        }
        written.putAll(values);
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (variable.getValueFrom() != null) {
                values.put(variable.getName(), fromSecret(variable, k8s));
                continue;
            }
            written.put(variable.getName(), variable.getValue());
            values.put(variable.getName(), expand(variable.getValue(), values));
        }
        return new PodEnvironment(values, written);
    }

    /** Every variable with its value, references expanded. */
    Map<String, String> values() {
        return new LinkedHashMap<>(values);
    }

    /** What the manifests write for each variable given as text, before expansion; none for those from a Secret. */
    Map<String, String> written() {
        return new LinkedHashMap<>(written);
    }

    /** Whether a value of another variable refers to this one as {@code $(NAME)}. */
    boolean isReferenced(String name) {
        return written.values().stream().anyMatch(value -> value.contains("$(" + name + ")"));
    }

    /** A Secret's keys and values, from {@code stringData} and {@code data} (base64). */
    static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, base64) ->
                    data.put(key, new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    private static String fromSecret(EnvVar variable, KubernetesManifests k8s) {
        SecretKeySelector key = variable.getValueFrom().getSecretKeyRef();
        if (key == null) {
            throw new AssertionError(variable.getName() + ": only values from a Secret's key are worked out here");
        }
        String value = secretData(k8s.get(Secret.class, key.getName())).get(key.getKey());
        if (value == null) {
            throw new AssertionError(variable.getName() + ": Secret " + key.getName() + " has no key " + key.getKey());
        }
        return value;
    }

    /** As the kubelet: {@code $(NAME)} of a variable defined before becomes its value; others stay as written. */
    private static String expand(String value, Map<String, String> defined) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            reference.appendReplacement(expanded, Matcher.quoteReplacement(
                    defined.getOrDefault(name, reference.group())));
        }
        reference.appendTail(expanded);
        return expanded.toString();
    }
}
